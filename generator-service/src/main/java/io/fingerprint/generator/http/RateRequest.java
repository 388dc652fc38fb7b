package io.fingerprint.generator.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of PUT /generator/rate, {@code {"readings_per_second": N}}. Any JSON number binds: an
 * integer exactly, a fraction as a double, so 12.0 is twelve and 1e999999 (infinite) is no whole number.
 * Whether it is a whole number is checked before its sign ({@link Range}), so -1.5 is refused as a fraction.
 */
@RegisterForReflection
@GroupSequence({RateRequest.class, RateRequest.Range.class})
public record RateRequest(
        @JsonProperty(FIELD)
        @Schema(type = SchemaType.INTEGER, minimum = "0")
        @NotNull(message = "missing field " + FIELD + ": expected \\{\"" + FIELD + "\": N\\}")
        @DecimalMin(value = "0", groups = Range.class, message = FIELD + " must not be negative") // -0.0 is 0
        Number readingsPerSecond) {

    static final String FIELD = "readings_per_second";
    /** What the body should be, for messages (constraint messages escape its braces for Bean Validation). */
    static final String EXPECTED = "expected {\"" + FIELD + "\": N}";
    static final String WHOLE_NUMBER = FIELD + " must be a whole number";

    interface Range {
    }

    @JsonIgnore
    @AssertTrue(message = WHOLE_NUMBER)
    public boolean isWholeNumber() {
        return !(readingsPerSecond instanceof Double d) || Double.isFinite(d) && d == Math.rint(d);
    }

    /** The rate, once validated as a whole number. */
    BigInteger wholeValue() {
        return readingsPerSecond instanceof Double d ? BigDecimal.valueOf(d).toBigInteger()
                : new BigInteger(readingsPerSecond.toString());
    }

    /** The value as the error messages show it: a whole number in full, anything else as JSON writes it. */
    String shown() {
        if (isWholeNumber()) {
            return wholeValue().toString();
        }
        return Double.isFinite(readingsPerSecond.doubleValue()) ? readingsPerSecond.toString() : "\"" + readingsPerSecond + "\"";
    }
}
