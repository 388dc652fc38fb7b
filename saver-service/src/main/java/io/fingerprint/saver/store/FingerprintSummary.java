package io.fingerprint.saver.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** What the index keeps of a saved file and the list endpoints return. */
@RegisterForReflection
public record FingerprintSummary(
        @JsonProperty("uuid") String uuid,
        @JsonProperty("equip_id") String equipId,
        @JsonProperty("type") String type,
        @JsonProperty("start_ms") long startMs,
        @JsonProperty("end_ms") long endMs,
        @JsonProperty("sensors") List<String> sensors,
        @JsonProperty("input_count") int inputCount,
        @JsonProperty("complete") boolean complete) {

    @JsonIgnore
    public String fileName() {
        return FileNames.of(uuid, startMs, endMs);
    }
}
