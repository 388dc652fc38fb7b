package io.fingerprint.generator.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The body of GET /generator and of every successful write. */
@RegisterForReflection
public record GeneratorStatus(
        @JsonProperty("running") boolean running,
        @JsonProperty("readings_per_second") int readingsPerSecond,
        @JsonProperty("max_readings_per_second") int maxReadingsPerSecond,
        @JsonProperty("achieved_per_second") double achievedPerSecond,
        /** False while fewer than 90 % of readings_per_second are acknowledged, for 3 s or more. */
        @JsonProperty("rate_reached") boolean rateReached,
        @JsonProperty("sent") long sent,
        @JsonProperty("failed") long failed,
        @JsonProperty("throttled") long throttled,
        @JsonProperty("equipment_ids") List<Integer> equipmentIds,
        @JsonProperty("sensor_ids") List<String> sensorIds) {
}
