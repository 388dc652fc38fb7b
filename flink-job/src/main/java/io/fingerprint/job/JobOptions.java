package io.fingerprint.job;

import io.fingerprint.cli.Cli;
import io.fingerprint.cli.Durations;
import io.fingerprint.cli.Numbers;
import io.fingerprint.cli.WindowTiming;
import io.fingerprint.cli.Words;
import io.fingerprint.formats.reading.ReadingParser;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The job's command-line arguments, each declared once with its default: picocli parses them and
 * generates the usage text from the same annotations (cli-options gives every command of the project
 * the same grammar and refusals). Only {@link #parse} makes a complete instance. Where a service reads
 * an environment variable for the same thing (KAFKA_BOOTSTRAP_SERVERS), the default comes from it too.
 */
@Command(name = "flink-job", sortOptions = false,
        description = "Per-equipment sensor fingerprints over event-time windows, from Kafka to Kafka.")
public final class JobOptions implements Serializable {
    private static final long serialVersionUID = 2L;

    public enum StartingOffsets { COMMITTED, EARLIEST, LATEST }

    public enum Guarantee { EXACTLY_ONCE, AT_LEAST_ONCE }

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", converter = Words.NonBlank.class,
            description = "Kafka bootstrap servers (default ${DEFAULT-VALUE}: $KAFKA_BOOTSTRAP_SERVERS when set)")
    public String bootstrapServers = env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    @Option(names = "--input-topic", paramLabel = "TOPIC", converter = Words.NonBlank.class, description = "topic of sensor readings (default ${DEFAULT-VALUE}: $SENSOR_DATA_TOPIC when set)")
    public String inputTopic = env("SENSOR_DATA_TOPIC", "sensor-data");
    @Option(names = "--output-topic", paramLabel = "TOPIC", converter = Words.NonBlank.class, description = "topic of fingerprints (default ${DEFAULT-VALUE}: $FINGERPRINT_TOPIC when set)")
    public String outputTopic = env("FINGERPRINT_TOPIC", "fingerprint-output");
    @Option(names = "--dlq-topic", paramLabel = "TOPIC", converter = Words.NonBlank.class,
            description = "dead-letter topic for rejected and late readings (default ${DEFAULT-VALUE}: $SENSOR_DATA_DLQ_TOPIC when set)")
    public String dlqTopic = env("SENSOR_DATA_DLQ_TOPIC", "sensor-data-dlq");
    @Option(names = "--group-id", paramLabel = "ID", converter = Words.NonBlank.class, defaultValue = "fingerprint-job",
            description = "Kafka consumer group (default ${DEFAULT-VALUE})")
    public String groupId;
    @Option(names = "--starting-offsets", paramLabel = "WHERE", converter = StartingOffsetsWord.class, defaultValue = "committed",
            description = "committed | earliest | latest; committed falls back to earliest (default ${DEFAULT-VALUE})")
    public StartingOffsets startingOffsets;
    @Option(names = "--window-size", paramLabel = "DURATION", converter = Durations.Positive.class, defaultValue = "1min",
            description = "tumbling window length, e.g. 1min, 60s, 5s (default ${DEFAULT-VALUE})")
    public Duration windowSize;
    @Option(names = "--out-of-orderness", paramLabel = "DURATION", converter = Durations.NonNegative.class, defaultValue = "10s",
            description = "how late a reading may arrive within its window (default ${DEFAULT-VALUE})")
    public Duration outOfOrderness;
    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Durations.Positive.class, defaultValue = "10s",
            description = "after this long without input, the watermark follows the wall clock (default ${DEFAULT-VALUE})")
    public Duration idleTimeout;
    @Option(names = "--parallelism", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "2", description = "job parallelism (default ${DEFAULT-VALUE})")
    public int parallelism;
    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", converter = Durations.Positive.class, defaultValue = "1s",
            description = "checkpoint interval: fingerprints become visible when the checkpoint after their window commits (default ${DEFAULT-VALUE})")
    public Duration checkpointInterval;
    @Option(names = "--checkpoint-dir", paramLabel = "URI", converter = Words.NonBlank.class,
            description = "where checkpoints are kept, e.g. file:///data/checkpoints (default: the cluster's setting; with --local a folder under java.io.tmpdir)")
    public String checkpointDir;
    @Option(names = "--from-savepoint", paramLabel = "PATH", converter = Words.NonBlank.class,
            description = "resume from this savepoint or retained checkpoint (with --local; on a cluster use flink run -s)")
    public String fromSavepoint;
    @Option(names = "--delivery-guarantee", paramLabel = "MODE", converter = GuaranteeWord.class, defaultValue = "exactly-once",
            description = "exactly-once | at-least-once (default ${DEFAULT-VALUE})")
    public Guarantee deliveryGuarantee;
    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX", converter = Words.NonBlank.class, defaultValue = "fingerprint-job",
            description = "prefix of the Kafka transactional ids (default ${DEFAULT-VALUE})")
    public String transactionalIdPrefix;
    public Map<Long, String> equipmentTypes = Map.of();
    @Option(names = "--default-type", paramLabel = "TYPE", converter = Words.NonBlank.class, defaultValue = "kiln",
            description = "type of equipment not in --equipment-types (default ${DEFAULT-VALUE})")
    public String defaultType;
    @Option(names = "--max-payload-bytes", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "" + ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES,
            description = "larger records are dead-lettered (default ${DEFAULT-VALUE})")
    public int maxPayloadBytes;
    @Option(names = "--max-future", paramLabel = "DURATION", converter = Durations.NonNegative.class, defaultValue = "1h",
            description = "readings stamped further ahead of the wall clock are dead-lettered (default ${DEFAULT-VALUE})")
    public Duration maxFuture;
    /** Extra Kafka client settings (security, tuning) for the source and both sinks. */
    public Map<String, String> kafkaProperties = kafkaSecurityFromEnvironment();
    @Option(names = "--bounded", description = "stop at the input's end offsets as of the start (replays, benchmarks)")
    public boolean bounded;
    @Option(names = "--local", description = "run on an embedded Flink MiniCluster with the Web UI")
    public boolean local;
    @Option(names = "--web-ui-port", paramLabel = "PORT", converter = Numbers.Port.class, defaultValue = "8081",
            description = "Web UI port with --local (default ${DEFAULT-VALUE})")
    public int webUiPort;
    @Option(names = "--help", usageHelp = true, description = "print this text")
    boolean help;

    @Option(names = "--equipment-types", paramLabel = "MAP", converter = TypeMap.class, description = "equipment types, e.g. 110=kiln,111=mill (default: none)")
    void equipmentTypes(TypeMap.Parsed types) {
        equipmentTypes = types.byId();
    }

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", converter = KeyValue.class,
            description = "a Kafka client setting for source and sinks, repeatable, e.g. security.protocol=SASL_SSL "
                    + "(defaults from $KAFKA_SECURITY_PROTOCOL, $KAFKA_SASL_MECHANISM, $KAFKA_SASL_JAAS_CONFIG, $KAFKA_SSL_TRUSTSTORE_LOCATION, "
                    + "$KAFKA_SSL_TRUSTSTORE_PASSWORD, $KAFKA_SSL_KEYSTORE_LOCATION, $KAFKA_SSL_KEYSTORE_PASSWORD)")
    void kafkaProperty(Map.Entry<String, String> setting) {
        Map<String, String> copy = new TreeMap<>(kafkaProperties);
        copy.put(setting.getKey(), setting.getValue());
        kafkaProperties = copy;
    }

    /** Parses the arguments; throws {@link IllegalArgumentException} with a one-line reason. */
    public static JobOptions parse(String... args) {
        JobOptions options = Cli.parse(new JobOptions(), args);
        WindowTiming.requireOutOfOrdernessShorter(options.windowSize, "--window-size", options.outOfOrderness, "--out-of-orderness");
        return options;
    }

    public static String usage() {
        return Cli.usage(new JobOptions());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
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
        Map<String, String> properties = new TreeMap<>();
        KAFKA_SECURITY_ENV.forEach((env, key) -> {
            String value = System.getenv(env);
            if (value != null && !value.isBlank()) {
                properties.put(key, value);
            }
        });
        return properties;
    }

    static final class StartingOffsetsWord extends Words.KebabCase<StartingOffsets> {
        StartingOffsetsWord() {
            super(StartingOffsets.class);
        }
    }

    static final class GuaranteeWord extends Words.KebabCase<Guarantee> {
        GuaranteeWord() {
            super(Guarantee.class);
        }
    }

    /** {@code KEY=VALUE}, the value may hold '=' (JAAS settings do). */
    static final class KeyValue implements ITypeConverter<Map.Entry<String, String>> {
        @Override
        public Map.Entry<String, String> convert(String keyValue) {
            int eq = keyValue.indexOf('=');
            if (eq <= 0) {
                throw new TypeConversionException("expected KEY=VALUE");
            }
            return Map.entry(keyValue.substring(0, eq).trim(), keyValue.substring(eq + 1));
        }
    }

    /** {@code 110=kiln,111=mill}. */
    static final class TypeMap implements ITypeConverter<TypeMap.Parsed> {
        /** Not a Map itself, which picocli would split into KEY=VALUE options. */
        record Parsed(Map<Long, String> byId) {
        }

        @Override
        public Parsed convert(String v) {
            Map<Long, String> map = new LinkedHashMap<>();
            for (String entry : v.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] kv = entry.split("=", 2);
                if (kv.length != 2 || kv[1].isBlank()) {
                    throw new TypeConversionException("expected EQUIP=TYPE pairs, got '" + entry.trim() + "'");
                }
                try {
                    map.put(Long.parseLong(kv[0].trim()), kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("equipment id '" + kv[0].trim() + "' is not a number");
                }
            }
            return new Parsed(Map.copyOf(map));
        }
    }
}
