package io.fingerprint.saver.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fingerprint.saver.store.FingerprintSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One page of summaries, newest window first; {@code next_cursor} is null on the last page. */
@RegisterForReflection
public record FingerprintPage(
        @JsonProperty("items") List<FingerprintSummary> items,
        @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
}
