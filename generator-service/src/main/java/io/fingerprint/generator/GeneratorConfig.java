package io.fingerprint.generator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * What the generator emits and how fast. Every key has an environment override, e.g.
 * {@code generator.equipment-ids} ← {@code GENERATOR_EQUIPMENT_IDS}; the defaults are the original
 * Python generator's: one reading per second for each of equipment 110–114, sensors 0001–0005.
 */
@ConfigMapping(prefix = "generator")
public interface GeneratorConfig {

    /** Equipment simulated; readings go round-robin over them. */
    @WithDefault("110,111,112,113,114")
    List<Integer> equipmentIds();

    /** Sensor ids, the keys of a reading's {@code data} object. */
    @WithDefault("0001,0002,0003,0004,0005")
    List<String> sensorIds();

    /** Probability that a single sensor value is the string {@code "null"}. */
    @WithDefault("0.05")
    double nullProbability();

    /** Start rate in readings per second over all equipment; 0 starts paused. */
    @WithDefault("5")
    int readingsPerSecond();

    /** Highest rate the REST API accepts. */
    @WithDefault("200000")
    int maxReadingsPerSecond();

    /** When above 0, each timestamp is moved back by up to this many ms: bounded out-of-order data. */
    @WithDefault("0")
    int jitterMs();

    /** When set, the write endpoints need {@code Authorization: Bearer <token>}. */
    Optional<String> controlToken();
}
