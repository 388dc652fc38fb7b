package io.fingerprint.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one duration grammar of every command line here: a whole number and a unit, {@code 500ms},
 * {@code 10s}, {@code 1min} (or {@code 1m}), {@code 1h}. A unit is required: Flink reads a bare number
 * as milliseconds and Quarkus as seconds, so a bare number would mean two things.
 */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|min|m|h)");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("not a duration (examples: 500ms, 10s, 1min, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** A duration as the job (Flink) and the services (Quarkus) both read it, for handing one on. */
    public static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    /** More than zero: window lengths, intervals, timeouts. */
    public static final class Positive implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = parse(value);
            if (d.isZero()) {
                throw new TypeConversionException("must be positive");
            }
            return d;
        }
    }

    /** Zero or more: out-of-orderness, tolerances. */
    public static final class NonNegative implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }
    }
}
