package io.fingerprint.saver;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Where the saver reads and where it writes. SmallRye reads each key from its environment spelling
 * ({@code saver.index-refresh} ← {@code SAVER_INDEX_REFRESH}); the keys without a default here have
 * theirs in application.properties (the topics come from variables the whole pipeline shares).
 */
@ConfigMapping(prefix = "saver")
public interface SaverConfig {

    /** Folder of the saved files; created if missing. Savers of one group may share it. */
    String outputDir();

    /** How often the index looks for files other savers sharing the folder wrote; 0 turns it off. */
    @WithDefault("2s")
    Duration indexRefresh();

    String sensorTopic();

    String fingerprintTopic();

    /** Malformed fingerprint messages go here; created at start-up if missing. */
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

    /**
     * Memory for {@code sensor-data} records read ahead of the fingerprints that name them, so that a
     * fingerprint's inputs are in memory when it arrives; past it the oldest go, and what is not held
     * is read from Kafka when its fingerprint comes. 0 turns reading ahead off.
     */
    @WithDefault("48M")
    MemorySize readAhead();
}
