package io.fingerprint.saver.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Every newly saved fingerprint's summary, for the SSE endpoint; subscribers see what is saved after they join. */
@ApplicationScoped
public class SavedFeed {

    private final BroadcastProcessor<FingerprintSummary> processor = BroadcastProcessor.create();

    /** Called by the writers and the folder follower: a processor takes one item at a time. */
    synchronized void publish(FingerprintSummary summary) {
        processor.onNext(summary);
    }

    /**
     * A broadcast fails a subscriber that has not requested the next item yet, which an SSE
     * connection often has not when files are saved in a burst: each subscriber gets a buffer. One
     * that falls 4096 events behind is dropped and reconnects (EventSource does so on its own).
     */
    public Multi<FingerprintSummary> stream() {
        return processor.onOverflow().buffer(4096);
    }
}
