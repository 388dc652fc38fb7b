package io.fingerprint.generator;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jboss.logging.Logger;

/** Refuses to start on a configuration that would emit nonsense, naming every problem at once. */
@Startup
@Singleton
public class ConfigCheck {

    @Inject
    GeneratorConfig config;

    @PostConstruct
    void check() {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid generator configuration: " + String.join("; ", problems));
        }
        if (config.controlToken().filter(t -> !t.isBlank()).isEmpty()) {
            Logger.getLogger(ConfigCheck.class)
                    .warn("GENERATOR_CONTROL_TOKEN is not set: anyone who can reach the HTTP port can change the rate");
        }
    }

    static List<String> problems(GeneratorConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.equipmentIds().isEmpty()) {
            problems.add("generator.equipment-ids (GENERATOR_EQUIPMENT_IDS) is empty");
        }
        if (new HashSet<>(config.equipmentIds()).size() != config.equipmentIds().size()) {
            problems.add("generator.equipment-ids (GENERATOR_EQUIPMENT_IDS) has duplicates");
        }
        if (config.sensorIds().isEmpty() || config.sensorIds().stream().anyMatch(String::isBlank)) {
            problems.add("generator.sensor-ids (GENERATOR_SENSOR_IDS) must be non-empty ids");
        }
        if (new HashSet<>(config.sensorIds()).size() != config.sensorIds().size()) {
            problems.add("generator.sensor-ids (GENERATOR_SENSOR_IDS) has duplicates");
        }
        double p = config.nullProbability();
        if (!(p >= 0.0 && p <= 1.0)) {
            problems.add("generator.null-probability (GENERATOR_NULL_PROBABILITY) must be within 0..1, got " + p);
        }
        if (config.maxReadingsPerSecond() < 1) {
            problems.add("generator.max-readings-per-second (GENERATOR_MAX_READINGS_PER_SECOND) must be at least 1");
        }
        if (config.readingsPerSecond() < 0 || config.readingsPerSecond() > config.maxReadingsPerSecond()) {
            problems.add("generator.readings-per-second (GENERATOR_READINGS_PER_SECOND) must be within 0.."
                    + config.maxReadingsPerSecond() + ", got " + config.readingsPerSecond());
        }
        if (config.jitterMs() < 0) {
            problems.add("generator.jitter-ms (GENERATOR_JITTER_MS) must not be negative");
        }
        return problems;
    }
}
