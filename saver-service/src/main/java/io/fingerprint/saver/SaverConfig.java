package io.fingerprint.saver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Where the saver reads, where it writes and how long it waits. Every key has an environment
 * override in application.properties, e.g. {@code saver.output-dir} ← {@code SAVER_OUTPUT_DIR}.
 */
@ConfigMapping(prefix = "saver")
public interface SaverConfig {

    /** Folder of the saved files; created if missing. */
    @WithDefault("./output")
    String outputDir();

    @WithDefault("sensor-data")
    String sensorTopic();

    @WithDefault("fingerprint-output")
    String fingerprintTopic();

    /** Malformed fingerprint messages go here; created at start-up if missing. */
    @WithDefault("fingerprint-output-dlq")
    String dlqTopic();

    /**
     * How late a reading may arrive within its window, as the Flink job's --out-of-orderness: a
     * partition has passed a window once it has shown a reading at end_ms + this.
     */
    @WithDefault("10s")
    Duration outOfOrderness();

    /** After this long a waiting fingerprint is written with what is there, "complete": false. */
    @WithDefault("2m")
    Duration maxWait();

    /**
     * Readings are kept this long behind the newest fingerprint's window start, so fingerprints of
     * the same window that arrive a little later find them without re-reading the topic. The Flink
     * job emits a window's fingerprints together; each second here costs one second of readings in
     * memory. An older fingerprint is still joined correctly, by re-reading (seek by time).
     */
    @WithDefault("10s")
    Duration bufferRetention();

    /**
     * Readings stamped further ahead of the wall clock are skipped as malformed (the Flink job's
     * --max-future): one reading from the year 3000 would otherwise "pass" every window.
     */
    @WithDefault("1h")
    Duration maxFuture();

    /**
     * Fingerprints of longer windows are dead-lettered: the join holds every reading of a waiting
     * window in memory, so one message claiming [0, now) would make it read and keep the whole topic.
     */
    @WithDefault("24h")
    Duration maxWindow();
}
