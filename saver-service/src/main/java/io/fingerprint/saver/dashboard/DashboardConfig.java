package io.fingerprint.saver.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the page needs to know of the deployment: where the generator is, and the window timing. */
@RegisterForReflection
public record DashboardConfig(
        @JsonProperty("generator_url") String generatorUrl,
        @JsonProperty("window_ms") long windowMs,
        @JsonProperty("out_of_orderness_ms") long outOfOrdernessMs) {
}
