package io.fingerprint.launcher;

import io.fingerprint.cli.Durations;
import io.fingerprint.kafkalocal.Folders;
import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.StopOnShutdown;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The whole pipeline on one machine with nothing but a JDK: a real Kafka broker, the Flink job on
 * an embedded MiniCluster, the generator and the saver, each in its own JVM, started in that order
 * and each only once the one before is ready. Stopped in the reverse order.
 */
public final class LocalPipeline implements AutoCloseable {

    static final List<String> TOPICS = List.of("sensor-data:2", "fingerprint-output:1", "sensor-data-dlq:1", "fingerprint-output-dlq:1");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final PipelineOptions options;
    private final Path root;
    private final PrintStream log;
    private final Deque<Runnable> stopInReverse = new ArrayDeque<>();
    private final Map<String, ChildProcess> children = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> extraEnv = new LinkedHashMap<>();
    private volatile boolean stopping;
    private KafkaLocal kafka;

    LocalPipeline(PipelineOptions options, Path root, PrintStream log) {
        this.options = options;
        this.root = root.toAbsolutePath().normalize();
        this.log = log;
    }

    public static void main(String[] args) {
        PipelineOptions options;
        try {
            options = PipelineOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            System.err.print(PipelineOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(PipelineOptions.usage());
            return;
        }
        LocalPipeline pipeline = new LocalPipeline(options, Path.of(System.getProperty("pipeline.root", ".")), System.out);
        StopOnShutdown stopped = StopOnShutdown.register("pipeline-stop", pipeline::close);
        try {
            pipeline.start();
        } catch (IllegalStateException e) {
            System.err.println("run-local: " + e.getMessage());
            System.exit(1);
        }
        System.out.println(pipeline.banner());
        pipeline.exitWhenAPartDies();
        stopped.await();
    }

    /** Starts every part; throws {@link IllegalStateException} with a one-line reason if one cannot start. */
    public void start() {
        checkPortsFree();
        try {
            prepareFolders();
            startKafka();
            startJob();
            startGenerator();
            startSaver();
        } catch (RuntimeException e) {
            close();
            throw e instanceof IllegalStateException ? e : new IllegalStateException(e.getMessage(), e);
        }
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public String generatorUrl() {
        return "http://localhost:" + options.generatorPort;
    }

    public String saverUrl() {
        return "http://localhost:" + options.saverPort;
    }

    public String flinkUrl() {
        return "http://localhost:" + options.webUiPort;
    }

    /**
     * Sets an extra environment variable for one part ({@code flink-job}, {@code generator},
     * {@code saver}) when it is started; for tests that tune a part (e.g. a shorter Kafka timeout).
     */
    LocalPipeline withEnv(String part, String name, String value) {
        extraEnv.computeIfAbsent(part, p -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    /** The running process of a part ({@code flink-job}, {@code generator}, {@code saver}). */
    ChildProcess part(String name) {
        ChildProcess child = children.get(name);
        if (child == null) {
            throw new IllegalArgumentException("no part named " + name + ", only " + children.keySet());
        }
        return child;
    }

    /** Every part started so far, in the order started. */
    Collection<ChildProcess> parts() {
        return Collections.unmodifiableCollection(children.values());
    }

    /** The broker; null before {@link #start()}. */
    KafkaLocal kafka() {
        return kafka;
    }

    @Override
    public synchronized void close() {
        if (stopping && stopInReverse.isEmpty()) {
            return;
        }
        stopping = true;
        while (!stopInReverse.isEmpty()) {
            stopInReverse.pop().run();
        }
    }

    private void checkPortsFree() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(options.kafkaPort, "Kafka (--kafka-port)");
        ports.put(options.controllerPort, "the Kafka controller (--controller-port)");
        ports.put(options.webUiPort, "the Flink Web UI (--web-ui-port)");
        ports.put(options.generatorPort, "the generator (--generator-port)");
        ports.put(options.saverPort, "the saver (--saver-port)");
        if (ports.size() < 5) {
            throw new IllegalStateException("two parts were given the same port: " + ports.keySet());
        }
        ports.forEach((port, what) -> {
            if (!isFree(port)) {
                throw new IllegalStateException("port " + port + " for " + what + " is already in use: stop what holds it or choose another port");
            }
        });
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void prepareFolders() {
        try {
            if (options.clean) {
                Folders.deleteRecursively(options.dataDir);
                Folders.deleteRecursively(options.outputDir);
            }
            Files.createDirectories(options.dataDir);
            Files.createDirectories(options.outputDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + options.dataDir + " and " + options.outputDir + ": " + e.getMessage());
        }
    }

    /** Starts the broker; started again (same ports, same data) it takes the place of the one before. */
    void startKafka() {
        log.println("[launcher] starting Kafka on localhost:" + options.kafkaPort + " (data in " + options.dataDir.resolve("kafka") + ")");
        boolean first = kafka == null;
        kafka = kafkaBuilder().start().withoutShutdownHook();
        if (first) {
            // stopped last, by close(): the parts still flush to it while they stop
            stopInReverse.push(() -> {
                log.println("[launcher] stopping Kafka");
                kafka.close();
            });
        }
    }

    private KafkaLocal.Builder kafkaBuilder() {
        KafkaLocal.Builder builder = KafkaLocal.builder()
                .kafkaPort(options.kafkaPort)
                .controllerPort(options.controllerPort)
                .dataDir(options.dataDir.resolve("kafka").toAbsolutePath());
        for (String topic : TOPICS) {
            String[] t = topic.split(":");
            builder.topic(t[0], Integer.parseInt(t[1]));
        }
        return builder;
    }

    private void startJob() {
        Path jar = artifact("flink-job/target/flink-job-local.jar");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-jar", jar.toString(), "--local",
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--web-ui-port", Integer.toString(options.webUiPort),
                "--window-size", Durations.millis(options.windowSize),
                "--out-of-orderness", Durations.millis(options.outOfOrderness),
                "--idle-timeout", Durations.millis(options.idleTimeout),
                "--checkpoint-dir", options.dataDir.resolve("checkpoints").toAbsolutePath().toUri().toString()));
        ChildProcess job = startChild("flink-job", command, Map.of());
        awaitReady(job, flinkUrl() + "/jobs/overview", body -> body.contains("\"state\":\"RUNNING\""));
    }

    private void startGenerator() {
        ChildProcess generator = startChild("generator", service("generator-service", "-Xmx512m"), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_HTTP_PORT", Integer.toString(options.generatorPort),
                "GENERATOR_READINGS_PER_SECOND", Integer.toString(options.rate),
                // the saver's dashboard page reads and sets the rate from its own origin
                "GENERATOR_CORS_ENABLED", "true",
                "GENERATOR_CORS_ORIGINS", saverUrl()));
        awaitReady(generator, generatorUrl() + "/q/health/ready", body -> true);
    }

    /** Starts the saver; started again (same folder, group and ports) it takes the place of the one before. */
    void startSaver() {
        // A heap for high rates: a batch of fingerprints holds its readings until written, and reading
        // ahead keeps ~25 s of 50 000 readings/s (window + out-of-orderness + checkpoint) in 512 MB.
        ChildProcess saver = startChild("saver", service("saver-service", "-Xmx2g"), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_HTTP_PORT", Integer.toString(options.saverPort),
                "SAVER_OUTPUT_DIR", options.outputDir.toAbsolutePath().toString(),
                "SAVER_OUT_OF_ORDERNESS", Durations.millis(options.outOfOrderness),
                "SAVER_GENERATOR_URL", generatorUrl(),
                "SAVER_WINDOW_SIZE", Durations.millis(options.windowSize),
                "SAVER_READ_AHEAD", "512M"));
        awaitReady(saver, saverUrl() + "/q/health/ready", body -> true);
    }

    private ChildProcess startChild(String name, List<String> command, Map<String, String> env) {
        log.println("[launcher] starting " + name);
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(extraEnv.getOrDefault(name, Map.of()));
        ChildProcess child = ChildProcess.start(name, command, all, root, log);
        // a restarted part takes the place of the one before, in the stop order too
        if (children.put(name, child) == null) {
            stopInReverse.push(() -> {
                log.println("[launcher] stopping " + name);
                children.get(name).stop(30);
            });
        }
        return child;
    }

    private void awaitReady(ChildProcess child, String url, Predicate<String> ready) {
        child.awaitReady(url, ready, READY_TIMEOUT, log);
    }

    /** Stops everything, with a clear line, when one part dies on its own. */
    void exitWhenAPartDies() {
        for (ChildProcess child : parts()) {
            child.process().onExit().thenRun(() -> {
                if (!stopping) {
                    log.println("[launcher] " + child.name() + " exited with code " + child.process().exitValue()
                            + "; stopping the pipeline");
                    System.exit(1);
                }
            });
        }
    }

    String banner() {
        long window = options.windowSize.toMillis();
        long firstEnd = (System.currentTimeMillis() / window + 1) * window;
        String closes = LocalTime.ofInstant(Instant.ofEpochMilli(firstEnd), ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        String line = "-".repeat(100);
        return String.join(System.lineSeparator(),
                line,
                " Fingerprint pipeline running",
                "   Kafka           " + kafka.bootstrapServers() + "   (data in " + options.dataDir + ")",
                "   Flink Web UI    " + flinkUrl(),
                "   Generator       " + generatorUrl() + "/generator   (" + options.rate + " readings/s)",
                "   Saver           " + saverUrl() + "/fingerprints   (files in " + options.outputDir + ")",
                " Try",
                "   curl -X PUT " + generatorUrl() + "/generator/rate -H 'Content-Type: application/json' -d '{\"readings_per_second\":1000}'",
                "   curl " + saverUrl() + "/fingerprints",
                " The first window closes at " + closes + "; its fingerprints are saved about "
                        + options.outOfOrderness.toSeconds() + " s later. Ctrl-C stops everything.",
                line);
    }

    private Path artifact(String relative) {
        Path path = root.resolve(relative);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(relative + " is missing: build first with ./mvnw package -DskipTests");
        }
        return path;
    }

    /** A Quarkus service: its jar on this JVM, or with --native its native executable (same heap option). */
    private List<String> service(String module, String heap) {
        if (!options.nativeServices) {
            return List.of(java(), heap, "-jar", artifact(module + "/target/quarkus-app/quarkus-run.jar").toString());
        }
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            Path executable = files.filter(f -> f.getFileName().toString().endsWith("-runner") && Files.isExecutable(f))
                    .findFirst().orElseThrow();
            return List.of(executable.toString(), heap);
        } catch (IOException | NoSuchElementException e) {
            throw new IllegalStateException(module + " has no native executable in " + target + ": build it with"
                    + " ./mvnw -pl " + module + " -am package -DskipTests -Dnative -Dquarkus.native.graalvm-home=DIR/gvm");
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
