package io.fingerprint.saver.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.fingerprint.saver.store.FingerprintSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the dashboard shows of one saved fingerprint: its summary and the per-sensor statistics
 * ({@code sensors} is the fingerprint's {@code data} as received), without the input records.
 */
@RegisterForReflection
public record FingerprintView(
        @JsonProperty("uuid") String uuid,
        @JsonProperty("equip_id") String equipId,
        @JsonProperty("type") String type,
        @JsonProperty("start_ms") long startMs,
        @JsonProperty("end_ms") long endMs,
        @JsonProperty("input_count") int inputCount,
        @JsonProperty("complete") boolean complete,
        @JsonProperty("sensors") JsonNode sensors) {

    static FingerprintView of(FingerprintSummary s, JsonNode sensors) {
        return new FingerprintView(s.uuid(), s.equipId(), s.type(), s.startMs(), s.endMs(), s.inputCount(), s.complete(), sensors);
    }
}
