package io.fingerprint.deployment;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Quarkus service reads, from its own application.properties: the environment variables it
 * names in {@code ${VAR:default}} expressions (with their defaults), the environment spellings of
 * the properties it sets (SmallRye maps {@code kafka.bootstrap.servers} from
 * {@code KAFKA_BOOTSTRAP_SERVERS}), and its HTTP port.
 */
record QuarkusService(String module, String composeService, String k8sName, Map<String, String> envDefaults,
        Set<String> propertyEnvNames, int httpPort) {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    static final QuarkusService GENERATOR = load("generator-service", "generator", "generator");
    static final QuarkusService SAVER = load("saver-service", "saver", "saver");

    static QuarkusService load(String module, String composeService, String k8sName) {
        String text = Repo.read(module + "/src/main/resources/application.properties");
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = ENV_REF.matcher(text);
        while (m.find()) {
            env.putIfAbsent(m.group(1), m.group(2));
        }
        Set<String> propertyEnv = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                propertyEnv.add(envName(key));
            }
        }
        String port = resolve(properties.getProperty("quarkus.http.port", "8080"), env);
        return new QuarkusService(module, composeService, k8sName, env, propertyEnv, Integer.parseInt(port));
    }

    /** SmallRye Config's environment spelling of a property name. */
    static String envName(String property) {
        return property.replace("\"", "").replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String resolve(String value, Map<String, String> env) {
        Matcher m = ENV_REF.matcher(value);
        return m.matches() ? m.group(2) : value;
    }

    /** Whether the service reads this environment variable. */
    boolean reads(String variable) {
        return envDefaults.containsKey(variable) || propertyEnvNames.contains(variable) || kafkaClientSetting(variable);
    }

    /**
     * Quarkus hands every {@code KAFKA_*} variable to the service's Kafka clients as it is
     * ({@code KAFKA_SSL_TRUSTSTORE_LOCATION} becomes {@code ssl.truststore.location}): read, if that
     * is a setting of Kafka's producer, consumer or admin client.
     */
    static boolean kafkaClientSetting(String variable) {
        if (!variable.startsWith("KAFKA_")) {
            return false;
        }
        String key = variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        return org.apache.kafka.clients.producer.ProducerConfig.configNames().contains(key)
                || org.apache.kafka.clients.consumer.ConsumerConfig.configNames().contains(key)
                || org.apache.kafka.clients.admin.AdminClientConfig.configNames().contains(key);
    }

    /** The default the service falls back to when the variable is not set. */
    String defaultOf(String variable) {
        return envDefaults.get(variable);
    }
}
