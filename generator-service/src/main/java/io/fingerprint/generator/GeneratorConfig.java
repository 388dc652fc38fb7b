package io.fingerprint.generator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.UniqueElements;

/**
 * What the generator emits and how fast. Every key has an environment override, e.g.
 * {@code generator.equipment-ids} ← {@code GENERATOR_EQUIPMENT_IDS}; the defaults are the original
 * Python generator's: one reading per second for each of equipment 110–114, sensors 0001–0005.
 * The constraints are checked at startup: a configuration that would emit nonsense refuses to start,
 * naming every bad key at once.
 */
@ConfigMapping(prefix = "generator")
public interface GeneratorConfig {

    /** Equipment simulated; readings go round-robin over them. */
    @WithDefault("110,111,112,113,114")
    @NotEmpty
    @UniqueElements
    List<Integer> equipmentIds();

    /** Sensor ids, the keys of a reading's {@code data} object. */
    @WithDefault("0001,0002,0003,0004,0005")
    @NotEmpty
    @UniqueElements
    List<@NotBlank String> sensorIds();

    /** Probability that a single sensor value is the string {@code "null"}. */
    @WithDefault("0.05")
    @DecimalMin("0")
    @DecimalMax("1")
    double nullProbability();

    /**
     * Start rate in readings per second over all equipment; 0 starts paused. Its default is in
     * application.properties; at most {@link #maxReadingsPerSecond()} (checked by RateControl).
     */
    @PositiveOrZero
    int readingsPerSecond();

    /** Highest rate the REST API accepts. */
    @WithDefault("1000000")
    @Positive
    int maxReadingsPerSecond();

    /** When above 0, each timestamp is moved back by up to this many ms: bounded out-of-order data. */
    @WithDefault("0")
    @PositiveOrZero
    int jitterMs();

    /** When set, the write endpoints need {@code Authorization: Bearer <token>}. */
    Optional<String> controlToken();
}
