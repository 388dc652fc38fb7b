package io.fingerprint.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.server.config.AbstractKafkaConfig;

/**
 * The apache/kafka image's environment: every KAFKA_* variable becomes a broker setting
 * (KAFKA_ dropped, '_' → '.', '__' → '_', '___' → '-'), except the script variables below;
 * CLUSTER_ID is the image's own.
 */
final class KafkaImage {
    static final Set<String> SCRIPT_VARIABLES = Set.of("KAFKA_HEAP_OPTS", "KAFKA_OPTS", "KAFKA_JMX_OPTS",
            "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_VERSION");

    private KafkaImage() {
    }

    static String property(String variable) {
        return variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT)
                .replace("___", "\u0000").replace("__", "\u0001").replace('_', '.')
                .replace('\u0000', '-').replace('\u0001', '_');
    }

    /** The broker properties the environment gives. */
    static Map<String, String> brokerProperties(Map<String, String> env) {
        Map<String, String> properties = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && !SCRIPT_VARIABLES.contains(name)) {
                properties.put(property(name), value);
            }
        });
        return properties;
    }

    /** Unknown settings and values Kafka's own configuration definition refuses. */
    static List<String> problems(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, String> properties = brokerProperties(env);
        Set<String> known = AbstractKafkaConfig.CONFIG_DEF.names();
        properties.keySet().stream().filter(p -> !known.contains(p))
                .forEach(p -> problems.add("'" + p + "' is no Kafka broker setting"));
        try {
            AbstractKafkaConfig.CONFIG_DEF.parse(properties);
        } catch (RuntimeException e) {
            problems.add("Kafka refuses the settings: " + e.getMessage());
        }
        if (!env.containsKey("CLUSTER_ID")) {
            problems.add("CLUSTER_ID missing: the image needs it in KRaft mode");
        } else if (java.util.Base64.getUrlDecoder().decode(env.get("CLUSTER_ID")).length != 16) {
            problems.add("CLUSTER_ID is not a base64url UUID");
        }
        return problems;
    }

    /** listener name → host:port from a listeners setting, e.g. INTERNAL://kafka:19092. */
    static Map<String, String> listeners(String value) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : value.split(",")) {
            String[] parts = listener.strip().split("://", 2);
            listeners.put(parts[0], parts[1]);
        }
        return listeners;
    }
}
