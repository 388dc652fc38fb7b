package io.fingerprint.saver.ingest;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code kafka.*} settings of application.properties (bootstrap servers, and security when
 * KAFKA_SECURITY_PROTOCOL and friends are set) for the saver's own clients, the sensor-data reader
 * and the admin client: the same as the messaging channel gets.
 */
@ApplicationScoped
public class KafkaClientSettings {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> defaults;

    /** A copy of the common settings, those left empty (unset variables) dropped, with {@code overrides} on top. */
    public Map<String, Object> with(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(defaults);
        settings.values().removeIf(v -> v instanceof String s && s.isBlank());
        settings.putAll(overrides);
        return settings;
    }
}
