package io.fingerprint.saver;

import io.fingerprint.saver.ingest.DlqTopic;
import io.fingerprint.saver.ingest.KafkaClientSettings;
import io.fingerprint.saver.join.JoinService;
import io.fingerprint.saver.store.FingerprintStore;
import io.fingerprint.saver.store.SaveWorker;
import io.fingerprint.saver.store.SharedFolderFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Start-up in order: check the settings, index the saved files (then follow what other savers
 * sharing the folder write), make sure the DLQ topic exists, then start the join (this saver's only
 * writer, so it never races the index build). Shutdown the other way.
 */
@ApplicationScoped
public class SaverLifecycle {


    private final SaverConfig config;
    private final FingerprintStore store;
    private final JoinService join;
    private final SaveWorker writer;
    private final KafkaClientSettings kafka;
    private final SharedFolderFollower follower;

    SaverLifecycle(SaverConfig config, FingerprintStore store, JoinService join, SaveWorker writer, KafkaClientSettings kafka,
                   SharedFolderFollower follower) {
        this.config = config;
        this.store = store;
        this.join = join;
        this.writer = writer;
        this.kafka = kafka;
        this.follower = follower;
    }

    void onStart(@Observes StartupEvent event) {
        checkSettings();
        store.open();
        follower.start();
        DlqTopic.ensure(kafka.with(Map.of()), config.dlqTopic());
        join.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        follower.stop();
        join.stop();
        writer.stop();
    }

    private void checkSettings() {
        if (config.outOfOrderness().isNegative()) {
            throw new IllegalArgumentException("saver.out-of-orderness (SAVER_OUT_OF_ORDERNESS) must not be negative");
        }
    }
}
