package io.fingerprint.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** GeneratorConfig's constraints, as SmallRye checks them at startup: nonsense refuses to start, naming each key. */
class GeneratorConfigTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    static GeneratorConfig load(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GeneratorConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                .build();
        return config.getConfigMapping(GeneratorConfig.class);
    }

    @Test
    void theDefaultsAreTheOriginalGenerators() {
        GeneratorConfig config = load(Map.of("generator.readings-per-second", "5"));
        assertThat(config.equipmentIds()).containsExactly(110, 111, 112, 113, 114);
        assertThat(config.sensorIds()).containsExactly("0001", "0002", "0003", "0004", "0005");
        assertThat(config.nullProbability()).isEqualTo(0.05);
        assertThat(config.maxReadingsPerSecond()).isEqualTo(1_000_000);
        assertThat(config.jitterMs()).isZero();
        assertThat(config.controlToken()).isEmpty();
    }

    @Test
    void everyBadSettingIsNamedAtOnce() {
        assertThatThrownBy(() -> load(Map.of(
                "generator.equipment-ids", "110,111,110",
                "generator.sensor-ids", "0001,0001",
                "generator.null-probability", "1.5",
                "generator.readings-per-second", "-1",
                "generator.max-readings-per-second", "0",
                "generator.jitter-ms", "-5")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("generator.equipment-ids")
                .hasMessageContaining("generator.sensor-ids")
                .hasMessageContaining("generator.null-probability")
                .hasMessageContaining("generator.readings-per-second")
                .hasMessageContaining("generator.max-readings-per-second")
                .hasMessageContaining("generator.jitter-ms");
    }
}
