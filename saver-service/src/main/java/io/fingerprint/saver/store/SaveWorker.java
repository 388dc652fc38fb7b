package io.fingerprint.saver.store;

import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.saver.join.Delivery;
import io.fingerprint.saver.join.SaveRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Writes joined fingerprints on its own threads, so a large file never stalls the join. A failed write is retried until it succeeds (backing off up to 30 s) and only then are the
 * deliveries acknowledged: nothing is lost, the offset stays uncommitted, readiness shows it.
 */
@ApplicationScoped
public class SaveWorker {

    private static final Logger LOG = Logger.getLogger(SaveWorker.class);
    private static final long MAX_BACKOFF_MS = 30_000;

    private final FingerprintStore store;
    private final SavedFeed feed;
    /**
     * Two writers: a window's files are written side by side, so one file's fsync does not hold up
     * the next (bench 7: the saver's share at 50 000 readings/s).
     */
    private static final int WRITERS = 2;

    private final AtomicInteger writerNumber = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(WRITERS, r -> {
        Thread t = new Thread(r, "saver-writer-" + writerNumber.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter saved;
    private final Counter incomplete;
    private final Timer joinLatency;
    private volatile String failure;
    private volatile boolean stopping;

    SaveWorker(FingerprintStore store, SavedFeed feed, MeterRegistry registry) {
        this.store = store;
        this.feed = feed;
        this.saved = Counter.builder("saver.fingerprints.saved").description("files written").register(registry);
        this.incomplete = Counter.builder("saver.fingerprints.incomplete")
                .description("files written with complete=false (inputs not in Kafka any more, or not all found)").register(registry);
        this.joinLatency = Timer.builder("saver.join.latency").description("from window end to file written")
                .publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("saver.writer.queued", queued);
    }

    public void submit(SaveRequest request) {
        queued.incrementAndGet();
        executor.execute(() -> {
            try {
                writeUntilDone(request);
            } finally {
                queued.decrementAndGet();
            }
        });
    }

    /** Null while writes succeed, else the last failure. */
    public String failure() {
        return failure;
    }

    public void stop() {
        stopping = true;
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilDone(SaveRequest request) {
        ReceivedFingerprint f = request.fingerprint();
        String name = FileNames.of(f.uuid(), f.startMs(), f.endMs());
        long backoff = 500;
        while (!stopping) {
            try {
                FingerprintSummary summary = store.save(request);
                failure = null;
                done(request, summary, name);
                return;
            } catch (IOException | RuntimeException e) {
                // Shown by readiness: the reason, not the exception's class.
                failure = "cannot write " + name + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
                LOG.errorf("Cannot write %s in %s: %s; retrying in %d ms (its offset stays uncommitted)",
                        name, store.dir(), e, backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private void done(SaveRequest request, FingerprintSummary summary, String name) {
        saved.increment();
        if (!request.complete()) {
            incomplete.increment();
        }
        joinLatency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - summary.endMs())));
        LOG.infof("Saved %s (%d input records, %s)", name, summary.inputCount(), request.complete() ? "complete" : "incomplete");
        for (Delivery d : request.deliveries()) {
            d.ack();
        }
        feed.publish(summary);
    }
}
