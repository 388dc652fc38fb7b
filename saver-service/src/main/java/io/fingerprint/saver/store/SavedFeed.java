package io.fingerprint.saver.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Every newly saved fingerprint's summary, for the SSE endpoint; subscribers see what is saved after they join. */
@ApplicationScoped
public class SavedFeed {

    private final BroadcastProcessor<FingerprintSummary> processor = BroadcastProcessor.create();

    void publish(FingerprintSummary summary) {
        processor.onNext(summary);
    }

    public Multi<FingerprintSummary> stream() {
        return processor;
    }
}
