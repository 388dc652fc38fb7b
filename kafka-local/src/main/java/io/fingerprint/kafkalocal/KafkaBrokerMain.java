package io.fingerprint.kafkalocal;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run as
 * its own JVM. {@link KafkaLocal} starts it for tests; the local run starts it with fixed ports and
 * a kept data folder.
 *
 * <p>On stdout it prints exactly one line the parent waits for: {@code KAFKA_READY <bootstrap>}.
 */
public final class KafkaBrokerMain {

    static final String READY_PREFIX = "KAFKA_READY ";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("kafka-local: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.clean && options.dataDir != null) {
            deleteRecursively(options.dataDir);
        }
        Path dataDir = options.dataDir != null ? options.dataDir : Files.createTempDirectory("kafka-local-");
        Files.createDirectories(dataDir);

        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withClusterId(clusterIdFor(options))
                .withDeleteLogDirsOnClose(options.dataDir == null)
                .withAdditionalProperties(p -> brokerProperties(p, dataDir));
        if (options.kafkaPort > 0) {
            broker.withKafkaPort(options.kafkaPort);
        }
        if (options.controllerPort > 0) {
            broker.withControllerPort(options.controllerPort);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-local-shutdown"));

        try {
            broker.start();
        } catch (RuntimeException e) {
            if (causedByBind(e)) {
                System.err.println("kafka-local: port " + options.kafkaPort + " or " + options.controllerPort
                        + " is already in use; stop what holds it or choose other ports");
                System.exit(3);
            }
            throw e;
        }
        String bootstrap = broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
        createTopics(bootstrap, options.topics);
        System.out.println(READY_PREFIX + bootstrap);
        System.out.flush();

        if (options.watchStdin) {
            // The parent holds our stdin open: when it dies, even by SIGKILL, we read EOF and stop.
            Thread watcher = new Thread(() -> {
                drain(System.in);
                System.exit(0);
            }, "kafka-local-parent-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    private static String clusterIdFor(Options options) {
        // EmbeddedKafkaBroker wants a base64 UUID; a fixed one keeps a kept folder valid on restart.
        return options.dataDir != null ? "ZmluZ2VycHJpbnQtbG9jYQ" : org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    private static void brokerProperties(Properties p, Path dataDir) {
        p.put("log.dir", dataDir.toAbsolutePath().toString());
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        // Local data is a demo's, not an archive: keep it for a day.
        p.put("log.retention.hours", "24");
    }

    private static void createTopics(String bootstrap, List<TopicSpec> topics) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            for (TopicSpec topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), (short) 1)))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (!topics.isEmpty()) {
                admin.describeTopics(topics.stream().map(TopicSpec::name).toList())
                        .allTopicNames().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // only waiting for EOF
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone, as EOF does
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    record TopicSpec(String name, int partitions) {
        static TopicSpec parse(String spec) {
            String[] parts = spec.split(":");
            try {
                int partitions = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
                if (parts[0].isBlank() || partitions < 1 || parts.length > 2) {
                    throw new NumberFormatException();
                }
                return new TopicSpec(parts[0], partitions);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad --topic '" + spec + "', expected name or name:partitions");
            }
        }
    }

    static final class Options {
        static final String USAGE = """
                usage: KafkaBrokerMain [options]
                  --kafka-port N        client port on 127.0.0.1 (default: a free port)
                  --controller-port N   KRaft controller port (default: a free port)
                  --data-dir PATH       keep the broker's data here (default: a temp folder, deleted on stop)
                  --clean               delete --data-dir before starting
                  --topic NAME[:PARTS]  create this topic if missing (repeatable)
                  --watch-stdin         stop when stdin closes (the parent process is gone)""";

        int kafkaPort;
        int controllerPort;
        Path dataDir;
        boolean clean;
        boolean watchStdin;
        final List<TopicSpec> topics = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--kafka-port" -> o.kafkaPort = port(arg, value(args, ++i, arg));
                    case "--controller-port" -> o.controllerPort = port(arg, value(args, ++i, arg));
                    case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, arg));
                    case "--topic" -> o.topics.add(TopicSpec.parse(value(args, ++i, arg)));
                    case "--clean" -> o.clean = true;
                    case "--watch-stdin" -> o.watchStdin = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }

        private static int port(String name, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
            }
        }
    }

}
