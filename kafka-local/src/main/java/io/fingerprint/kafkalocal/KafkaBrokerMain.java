package io.fingerprint.kafkalocal;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.RetriableException;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run as
 * its own JVM. {@link KafkaLocal} starts it for tests; the local run starts it with fixed ports and
 * a kept data folder.
 *
 * <p>With {@code --scram-user} it also has a SASL_PLAINTEXT listener that accepts only SCRAM-SHA-512
 * logins; the user's credentials are created (through the PLAINTEXT listener, which stays for the
 * broker's own traffic and for admin work) before the broker reports ready, and a login through the
 * SASL listener has succeeded by then. The password comes from the environment variable
 * {@value #SCRAM_PASSWORD_ENV}, never from the command line.
 *
 * <p>On stdout it prints exactly one line the parent waits for:
 * {@code KAFKA_READY <plaintext bootstrap> [<sasl bootstrap>]}; by then every {@code --topic} has
 * a leader for each partition ({@link Topics}) and the group coordinator serves every partition of
 * {@code __consumer_offsets}, so a consumer group's first commit does not fail.
 */
public final class KafkaBrokerMain {

    static final String READY_PREFIX = "KAFKA_READY ";
    static final String SCRAM_PASSWORD_ENV = "KAFKA_LOCAL_SCRAM_PASSWORD";
    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    static final String SASL_LISTENER = "SASL_PLAINTEXT";
    static final String OFFSETS_TOPIC = "__consumer_offsets";

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
            Folders.deleteRecursively(options.dataDir);
        }
        String scramPassword = null;
        if (options.scramUser != null) {
            scramPassword = System.getenv(SCRAM_PASSWORD_ENV);
            if (scramPassword == null || scramPassword.isEmpty()) {
                System.err.println("kafka-local: --scram-user needs the password in $" + SCRAM_PASSWORD_ENV);
                System.exit(2);
                return;
            }
        }
        Path dataDir = options.dataDir != null ? options.dataDir : Files.createTempDirectory("kafka-local-");
        Files.createDirectories(dataDir);
        int saslPort = options.scramUser == null ? 0 : options.saslPort > 0 ? options.saslPort : freePort();

        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withClusterId(clusterIdFor(options))
                .withDeleteLogDirsOnClose(options.dataDir == null)
                .withAdditionalProperties(p -> {
                    brokerProperties(p, dataDir);
                    if (options.scramUser != null) {
                        scramListener(p, saslPort);
                    }
                });
        if (options.kafkaPort > 0) {
            broker.withKafkaPort(options.kafkaPort);
        }
        if (options.controllerPort > 0) {
            broker.withControllerPort(options.controllerPort);
        }

        StopOnShutdown stopped = StopOnShutdown.register("kafka-local-shutdown", broker::close);

        try {
            broker.start();
        } catch (RuntimeException e) {
            if (causedByBind(e)) {
                System.err.println("kafka-local: port " + options.kafkaPort + " or " + options.controllerPort
                        + (saslPort > 0 ? " or " + saslPort : "")
                        + " is already in use; stop what holds it or choose other ports");
                System.exit(3);
            }
            throw e;
        }
        Map<String, String> listeners = listeners(broker.getAdvertisedListeners());
        String bootstrap = listeners.get("PLAINTEXT");
        prepare(bootstrap, options.topics);
        String ready = bootstrap;
        if (options.scramUser != null) {
            String saslBootstrap = listeners.get(SASL_LISTENER);
            createScramUser(bootstrap, options.scramUser, scramPassword);
            awaitScramLogin(saslBootstrap, options.scramUser, scramPassword);
            ready += " " + saslBootstrap;
        }
        System.out.println(READY_PREFIX + ready);
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

    /**
     * A SASL_PLAINTEXT listener on localhost that accepts SCRAM-SHA-512 only. Inter-broker traffic
     * and the controller stay on their PLAINTEXT listeners.
     */
    static void scramListener(Properties p, int port) {
        p.put("listeners", p.getProperty("listeners") + "," + SASL_LISTENER + "://localhost:" + port);
        p.put("listener.security.protocol.map", p.getProperty("listener.security.protocol.map")
                + "," + SASL_LISTENER + ":SASL_PLAINTEXT");
        String prefix = "listener.name." + SASL_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
        p.put(prefix + "sasl.enabled.mechanisms", SCRAM_MECHANISM);
        p.put(prefix + SCRAM_MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    /** "NAME://host:port,…" → NAME → host:port. */
    static Map<String, String> listeners(String advertised) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : advertised.split(",")) {
            int sep = listener.indexOf("://");
            listeners.put(listener.substring(0, sep).trim(), listener.substring(sep + 3).trim());
        }
        return listeners;
    }

    /** Stores the user's SCRAM credential in the cluster metadata (idempotent: a kept folder keeps it). */
    private static void createScramUser(String plaintextBootstrap, String user, String password) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintextBootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Waits until a client can log in through the SASL listener (the credential has reached the broker). */
    private static void awaitScramLogin(String saslBootstrap, String user, String password) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, saslBootstrap);
        props.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        props.put("sasl.mechanism", SCRAM_MECHANISM);
        props.put("sasl.jaas.config", KafkaLocal.scramJaasConfig(user, password));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Creates the missing topics (a kept folder keeps those of an earlier start) and waits until
     * every partition has a leader, and until the group coordinator answers: see {@link #awaitGroupCoordinator}.
     */
    private static void prepare(String bootstrap, List<TopicSpec> topics) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            Topics.ensure(admin, Duration.ofSeconds(30),
                    topics.stream().map(t -> Topics.topic(t.name(), t.partitions())).toList());
            awaitGroupCoordinator(admin, Duration.ofSeconds(30));
        }
    }

    /**
     * Waits until the group coordinator serves every partition of {@value #OFFSETS_TOPIC}, creating
     * that topic first (the first group request does, also without topic auto-creation). Without
     * this, the first consumer group on a fresh broker finds no coordinator for a moment: its first
     * offset commit fails with {@code CoordinatorNotAvailableException} (Flink's Kafka source logs
     * that with a stack trace), and after a restart the coordinator still loads the kept offsets.
     * One probe group per partition, each asking for its committed offsets (none), as a commit would.
     */
    static void awaitGroupCoordinator(Admin admin, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        fetchOffsets(admin, "kafka-local-probe", deadline, timeout);
        Topics.awaitReady(admin, Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000)), OFFSETS_TOPIC);
        int partitions = admin.describeTopics(List.of(OFFSETS_TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(OFFSETS_TOPIC).partitions().size();
        for (int p = 0; p < partitions; p++) {
            fetchOffsets(admin, probeGroup(p, partitions), deadline, timeout);
        }
    }

    /** A group id whose offsets live in this partition of {@value #OFFSETS_TOPIC} (the broker's abs(hashCode) % partitions). */
    static String probeGroup(int partition, int partitions) {
        for (int i = 0; ; i++) {
            String group = "kafka-local-probe-" + i;
            int hash = group.hashCode();
            if ((hash == Integer.MIN_VALUE ? 0 : Math.abs(hash)) % partitions == partition) {
                return group;
            }
        }
    }

    private static void fetchOffsets(Admin admin, String group, long deadline, Duration timeout) throws Exception {
        while (true) {
            int ms = (int) Math.max(100, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                admin.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().timeoutMs(ms))
                        .partitionsToOffsetAndMetadata().get(ms + 1_000L, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                boolean retriable = cause instanceof RetriableException || cause instanceof java.util.concurrent.TimeoutException;
                if (!retriable || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the group coordinator did not answer for group '" + group + "' within "
                            + timeout.toSeconds() + " s: " + cause, cause);
                }
                Thread.sleep(100);
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
                  --watch-stdin         stop when stdin closes (the parent process is gone)
                  --scram-user NAME     also a SASL_PLAINTEXT listener (SCRAM-SHA-512) with this user;
                                        the password is read from $KAFKA_LOCAL_SCRAM_PASSWORD
                  --sasl-port N         port of that listener (default: a free port)""";

        int kafkaPort;
        int controllerPort;
        Path dataDir;
        boolean clean;
        boolean watchStdin;
        String scramUser;
        int saslPort;
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
                    case "--scram-user" -> o.scramUser = value(args, ++i, arg);
                    case "--sasl-port" -> o.saslPort = port(arg, value(args, ++i, arg));
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
