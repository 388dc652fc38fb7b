package io.fingerprint.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.flink.util.TimeUtils;

/**
 * The job's command-line arguments. Every option, its default and its description live in
 * {@link #SPECS}: the usage text is generated from it, so it cannot drift from what is parsed.
 * Where a service reads an environment variable for the same thing (KAFKA_BOOTSTRAP_SERVERS), the
 * default comes from it too.
 */
public final class JobOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum StartingOffsets { COMMITTED, EARLIEST, LATEST }

    public enum Guarantee { EXACTLY_ONCE, AT_LEAST_ONCE }

    public String bootstrapServers = env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    public String inputTopic = env("SENSOR_DATA_TOPIC", "sensor-data");
    public String outputTopic = env("FINGERPRINT_TOPIC", "fingerprint-output");
    public String dlqTopic = env("SENSOR_DATA_DLQ_TOPIC", "sensor-data-dlq");
    public String groupId = "fingerprint-job";
    public StartingOffsets startingOffsets = StartingOffsets.COMMITTED;
    public Duration windowSize = Duration.ofMinutes(1);
    public Duration outOfOrderness = Duration.ofSeconds(10);
    public Duration idleTimeout = Duration.ofSeconds(10);
    public int parallelism = 2;
    public Duration checkpointInterval = Duration.ofSeconds(10);
    public String checkpointDir;
    public String fromSavepoint;
    public Guarantee deliveryGuarantee = Guarantee.EXACTLY_ONCE;
    public String transactionalIdPrefix = "fingerprint-job";
    public Map<Long, String> equipmentTypes = Map.of();
    public String defaultType = "kiln";
    public int maxPayloadBytes = 1 << 20;
    public Duration maxFuture = Duration.ofHours(1);
    /** Extra Kafka client settings (security, tuning) for the source and both sinks. */
    public Map<String, String> kafkaProperties = kafkaSecurityFromEnvironment();
    public boolean bounded;
    public boolean local;
    public int webUiPort = 8081;

    private record Spec(String name, String value, String description, BiConsumer<JobOptions, String> apply) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("--bootstrap-servers", "HOSTS", "Kafka bootstrap servers (default $KAFKA_BOOTSTRAP_SERVERS or localhost:9092)",
                    (o, v) -> o.bootstrapServers = nonBlank(v)),
            new Spec("--input-topic", "TOPIC", "topic of sensor readings (default sensor-data)", (o, v) -> o.inputTopic = nonBlank(v)),
            new Spec("--output-topic", "TOPIC", "topic of fingerprints (default fingerprint-output)", (o, v) -> o.outputTopic = nonBlank(v)),
            new Spec("--dlq-topic", "TOPIC", "dead-letter topic for rejected and late readings (default sensor-data-dlq)",
                    (o, v) -> o.dlqTopic = nonBlank(v)),
            new Spec("--group-id", "ID", "Kafka consumer group (default fingerprint-job)", (o, v) -> o.groupId = nonBlank(v)),
            new Spec("--starting-offsets", "WHERE", "committed | earliest | latest; committed falls back to earliest (default committed)",
                    (o, v) -> o.startingOffsets = oneOf(StartingOffsets.class, v)),
            new Spec("--window-size", "DURATION", "tumbling window length, e.g. 1min, 60s, 5s (default 1min)",
                    (o, v) -> o.windowSize = positive(v)),
            new Spec("--out-of-orderness", "DURATION", "how late a reading may arrive within its window (default 10s)",
                    (o, v) -> o.outOfOrderness = nonNegative(v)),
            new Spec("--idle-timeout", "DURATION", "after this long without input, the watermark follows the wall clock (default 10s)",
                    (o, v) -> o.idleTimeout = positive(v)),
            new Spec("--parallelism", "N", "job parallelism (default 2)", (o, v) -> o.parallelism = atLeastOne(v)),
            new Spec("--checkpoint-interval", "DURATION", "checkpoint interval (default 10s)", (o, v) -> o.checkpointInterval = positive(v)),
            new Spec("--checkpoint-dir", "URI", "where checkpoints are kept, e.g. file:///data/checkpoints (default: the cluster's setting; with --local a folder under java.io.tmpdir)",
                    (o, v) -> o.checkpointDir = nonBlank(v)),
            new Spec("--from-savepoint", "PATH", "resume from this savepoint or retained checkpoint (with --local; on a cluster use flink run -s)",
                    (o, v) -> o.fromSavepoint = nonBlank(v)),
            new Spec("--delivery-guarantee", "MODE", "exactly-once | at-least-once (default exactly-once)",
                    (o, v) -> o.deliveryGuarantee = oneOf(Guarantee.class, v)),
            new Spec("--transactional-id-prefix", "PREFIX", "prefix of the Kafka transactional ids (default fingerprint-job)",
                    (o, v) -> o.transactionalIdPrefix = nonBlank(v)),
            new Spec("--equipment-types", "MAP", "equipment types, e.g. 110=kiln,111=mill (default: none)",
                    (o, v) -> o.equipmentTypes = typeMap(v)),
            new Spec("--default-type", "TYPE", "type of equipment not in --equipment-types (default kiln)", (o, v) -> o.defaultType = nonBlank(v)),
            new Spec("--max-payload-bytes", "N", "larger records are dead-lettered (default 1048576)", (o, v) -> o.maxPayloadBytes = atLeastOne(v)),
            new Spec("--max-future", "DURATION", "readings stamped further ahead of the wall clock are dead-lettered (default 1h)",
                    (o, v) -> o.maxFuture = nonNegative(v)),
            new Spec("--kafka-property", "KEY=VALUE", "a Kafka client setting for source and sinks, repeatable, e.g. security.protocol=SASL_SSL "
                    + "(defaults from $KAFKA_SECURITY_PROTOCOL, $KAFKA_SASL_MECHANISM, $KAFKA_SASL_JAAS_CONFIG, $KAFKA_SSL_TRUSTSTORE_LOCATION, "
                    + "$KAFKA_SSL_TRUSTSTORE_PASSWORD, $KAFKA_SSL_KEYSTORE_LOCATION, $KAFKA_SSL_KEYSTORE_PASSWORD)",
                    (o, v) -> o.kafkaProperties = with(o.kafkaProperties, v)),
            new Spec("--bounded", null, "stop at the input's end offsets as of the start (replays, benchmarks)", (o, v) -> o.bounded = true),
            new Spec("--local", null, "run on an embedded Flink MiniCluster with the Web UI", (o, v) -> o.local = true),
            new Spec("--web-ui-port", "PORT", "Web UI port with --local (default 8081)", (o, v) -> o.webUiPort = port(v)));

    /** Parses the arguments; throws {@link IllegalArgumentException} with a one-line reason. */
    public static JobOptions parse(String... args) {
        JobOptions options = new JobOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inlineValue = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            Spec spec = find(arg);
            String value = null;
            if (spec.value() != null) {
                if (inlineValue != null) {
                    value = inlineValue;
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(arg + " needs a value (" + spec.value() + ")");
                }
            } else if (inlineValue != null) {
                throw new IllegalArgumentException(arg + " takes no value");
            }
            try {
                spec.apply().accept(options, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid " + arg + " '" + value + "': " + e.getMessage());
            }
        }
        if (options.outOfOrderness.compareTo(options.windowSize) >= 0) {
            throw new IllegalArgumentException("--out-of-orderness must be shorter than --window-size");
        }
        return options;
    }

    public static String usage() {
        StringBuilder usage = new StringBuilder("usage: flink-job [options]\n");
        for (Spec spec : SPECS) {
            String flag = spec.value() == null ? spec.name() : spec.name() + " " + spec.value();
            usage.append(String.format("  %-32s %s%n", flag, spec.description()));
        }
        usage.append(String.format("  %-32s %s%n", "--help", "print this text"));
        return usage.toString();
    }

    private static Spec find(String name) {
        for (Spec spec : SPECS) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("unknown argument '" + name + "'");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String nonBlank(String v) {
        if (v.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return v.trim();
    }

    private static <E extends Enum<E>> E oneOf(Class<E> type, String v) {
        String name = v.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("expected one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList());
    }

    private static Duration duration(String v) {
        try {
            return TimeUtils.parseDuration(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration (examples: 500ms, 10s, 1min)");
        }
    }

    private static Duration positive(String v) {
        Duration d = duration(v);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("must be positive");
        }
        return d;
    }

    private static Duration nonNegative(String v) {
        Duration d = duration(v);
        if (d.isNegative()) {
            throw new IllegalArgumentException("must not be negative");
        }
        return d;
    }

    private static int atLeastOne(String v) {
        int n = integer(v);
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1");
        }
        return n;
    }

    private static int port(String v) {
        int n = integer(v);
        if (n < 1 || n > 65535) {
            throw new IllegalArgumentException("must be a port number 1-65535");
        }
        return n;
    }

    private static int integer(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    /** The environment variables the services read for Kafka security, mapped to client settings. */
    static final Map<String, String> KAFKA_SECURITY_ENV = Map.of(
            "KAFKA_SECURITY_PROTOCOL", "security.protocol",
            "KAFKA_SASL_MECHANISM", "sasl.mechanism",
            "KAFKA_SASL_JAAS_CONFIG", "sasl.jaas.config",
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "ssl.truststore.location",
            "KAFKA_SSL_TRUSTSTORE_PASSWORD", "ssl.truststore.password",
            "KAFKA_SSL_KEYSTORE_LOCATION", "ssl.keystore.location",
            "KAFKA_SSL_KEYSTORE_PASSWORD", "ssl.keystore.password");

    static Map<String, String> kafkaSecurityFromEnvironment() {
        Map<String, String> properties = new java.util.TreeMap<>();
        KAFKA_SECURITY_ENV.forEach((env, key) -> {
            String value = System.getenv(env);
            if (value != null && !value.isBlank()) {
                properties.put(key, value);
            }
        });
        return properties;
    }

    private static Map<String, String> with(Map<String, String> properties, String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected KEY=VALUE");
        }
        Map<String, String> copy = new java.util.TreeMap<>(properties);
        copy.put(keyValue.substring(0, eq).trim(), keyValue.substring(eq + 1));
        return copy;
    }

    static Map<Long, String> typeMap(String v) {
        Map<Long, String> map = new LinkedHashMap<>();
        for (String entry : v.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            if (kv.length != 2 || kv[1].isBlank()) {
                throw new IllegalArgumentException("expected EQUIP=TYPE pairs, got '" + entry.trim() + "'");
            }
            try {
                map.put(Long.parseLong(kv[0].trim()), kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("equipment id '" + kv[0].trim() + "' is not a number");
            }
        }
        return Map.copyOf(map);
    }
}
