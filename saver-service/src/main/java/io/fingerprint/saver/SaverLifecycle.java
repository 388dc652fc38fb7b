package io.fingerprint.saver;

import io.fingerprint.saver.ingest.DlqTopic;
import io.fingerprint.saver.ingest.KafkaClientSettings;
import io.fingerprint.saver.join.JoinService;
import io.fingerprint.saver.store.FingerprintStore;
import io.fingerprint.saver.store.SaveWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import java.util.Map;

/**
 * Start-up in order: check the settings, index the saved files, make sure the DLQ topic exists,
 * then start the join (the only writer, so it never races the index build). Shutdown the other way.
 */
@ApplicationScoped
public class SaverLifecycle {

    static final String UNACKED_MAX_AGE = "mp.messaging.incoming.fingerprints.throttled.unprocessed-record-max-age.ms";

    private final SaverConfig config;
    private final FingerprintStore store;
    private final JoinService join;
    private final SaveWorker writer;
    private final KafkaClientSettings kafka;

    SaverLifecycle(SaverConfig config, FingerprintStore store, JoinService join, SaveWorker writer, KafkaClientSettings kafka) {
        this.config = config;
        this.store = store;
        this.join = join;
        this.writer = writer;
        this.kafka = kafka;
    }

    void onStart(@Observes StartupEvent event) {
        checkSettings();
        store.open();
        DlqTopic.ensure(kafka.with(Map.of()), config.dlqTopic());
        join.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        join.stop();
        writer.stop();
    }

    /** A fingerprint may stay unacknowledged for max-wait; the connector must tolerate longer. */
    private void checkSettings() {
        if (config.maxWait().isNegative() || config.maxWait().isZero()) {
            throw new IllegalArgumentException("saver.max-wait (SAVER_MAX_WAIT) must be positive");
        }
        if (config.outOfOrderness().isNegative()) {
            throw new IllegalArgumentException("saver.out-of-orderness (SAVER_OUT_OF_ORDERNESS) must not be negative");
        }
        long maxAge = ConfigProvider.getConfig().getOptionalValue(UNACKED_MAX_AGE, Long.class).orElse(60_000L);
        long needed = config.maxWait().toMillis() + 60_000;
        if (maxAge > 0 && maxAge < needed) {
            throw new IllegalArgumentException(UNACKED_MAX_AGE + " (SAVER_UNACKED_MAX_AGE_MS) is " + maxAge
                    + " ms: with saver.max-wait " + config.maxWait() + " it must be at least " + needed + " ms, or 0");
        }
    }
}
