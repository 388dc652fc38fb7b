package io.fingerprint.saver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Where the saver reads and where it writes. Every key has an environment
 * override in application.properties, e.g. {@code saver.output-dir} ← {@code SAVER_OUTPUT_DIR}.
 */
@ConfigMapping(prefix = "saver")
public interface SaverConfig {

    /** Folder of the saved files; created if missing. Savers of one group may share it. */
    @WithDefault("./output")
    String outputDir();

    /** How often the index looks for files other savers sharing the folder wrote; 0 turns it off. */
    @WithDefault("2s")
    Duration indexRefresh();

    @WithDefault("sensor-data")
    String sensorTopic();

    @WithDefault("fingerprint-output")
    String fingerprintTopic();

    /** Malformed fingerprint messages go here; created at start-up if missing. */
    @WithDefault("fingerprint-output-dlq")
    String dlqTopic();

    /**
     * For fingerprints that do not name their inputs (the original pipeline's format): their readings
     * are looked for from start_ms minus this to the first reading stamped after end_ms plus this. The
     * job's --out-of-orderness. Fingerprints with {@code inputs} do not need it.
     */
    @WithDefault("10s")
    Duration outOfOrderness();

    /**
     * Readings stamped further ahead of the wall clock are not accepted (the Flink job's
     * --max-future: the same parser, the same rule); fingerprints ending further ahead are dead-lettered.
     */
    @WithDefault("1h")
    Duration maxFuture();

    /**
     * Fingerprints of longer windows are dead-lettered: the join holds every reading of a window in
     * memory, so one message claiming [0, now) would make it read and keep the whole topic.
     */
    @WithDefault("24h")
    Duration maxWindow();
}
