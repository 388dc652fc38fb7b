package io.fingerprint.generator.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of PUT /generator/rate, for the OpenAPI document; the resource parses it strictly by hand. */
@RegisterForReflection
public record RateRequest(@JsonProperty(value = "readings_per_second", required = true) int readingsPerSecond) {
}
