package io.fingerprint.kafkalocal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.time.Duration;

/**
 * Starts a real Kafka broker ({@link KafkaBrokerMain}) in a child JVM and stops it again: the one
 * fixture every module's tests and the local run use.
 *
 * <p>It needs nothing but the JDK on the caller's classpath; the broker's jars are read from the
 * classpath file this module's build writes. The child stops when {@link #close()} is called, when
 * this JVM exits, and also when this JVM is killed (it watches its stdin), so no broker outlives
 * its test run.
 *
 * <pre>{@code
 * try (KafkaLocal kafka = KafkaLocal.builder().topic("sensor-data", 2).start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>With {@link Builder#scram(String, String)} the broker also has a SASL_PLAINTEXT listener that
 * accepts only SCRAM-SHA-512 logins of that user: point the client under test at
 * {@link #saslBootstrapServers()} with {@link #saslClientProperties()} (or, for the pipeline's parts,
 * {@link #saslEnvironment()}). {@link #bootstrapServers()} stays the PLAINTEXT listener, for the
 * test's own admin work.
 */
public final class KafkaLocal implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "broker-classpath.txt";
    private static KafkaLocal shared;

    /** The SASL mechanism of the SCRAM listener. */
    public static final String SCRAM_MECHANISM = KafkaBrokerMain.SCRAM_MECHANISM;

    private final Process process;
    private final String bootstrapServers;
    private final String saslBootstrapServers;
    private final String scramUser;
    private final String scramPassword;
    private final Thread shutdownHook;

    private KafkaLocal(Process process, String bootstrapServers, String saslBootstrapServers, String scramUser,
                       String scramPassword) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.saslBootstrapServers = saslBootstrapServers;
        this.scramUser = scramUser;
        this.scramPassword = scramPassword;
        this.shutdownHook = new Thread(this::stopProcess, "kafka-local-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One broker for the whole test JVM, started on first use and stopped when the JVM exits.
     * Tests that share it create their own topics (unique names keep them apart).
     */
    public static synchronized KafkaLocal shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = builder().start();
        }
        return shared;
    }

    /** {@code host:port} of the PLAINTEXT listener, for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code host:port} of the SASL_PLAINTEXT (SCRAM-SHA-512) listener; only with {@link Builder#scram}. */
    public String saslBootstrapServers() {
        requireScram();
        return saslBootstrapServers;
    }

    public String scramUser() {
        requireScram();
        return scramUser;
    }

    public String scramPassword() {
        requireScram();
        return scramPassword;
    }

    /** The {@code sasl.jaas.config} value that logs in as the SCRAM user. */
    public String saslJaasConfig() {
        return scramJaasConfig(scramUser(), scramPassword());
    }

    /** A {@code sasl.jaas.config} value for SCRAM logins (quotes and backslashes in the values escaped). */
    public static String scramJaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + jaasQuote(user)
                + "\" password=\"" + jaasQuote(password) + "\";";
    }

    private static String jaasQuote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Kafka client settings that log in through the SCRAM listener. */
    public Map<String, Object> saslClientProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", saslBootstrapServers());
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", SCRAM_MECHANISM);
        props.put("sasl.jaas.config", saslJaasConfig());
        return props;
    }

    /**
     * The environment variables through which every part of the pipeline (the Flink job, the
     * generator, the saver) reaches the SCRAM listener: {@code KAFKA_BOOTSTRAP_SERVERS},
     * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}.
     */
    public Map<String, String> saslEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", saslBootstrapServers());
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("KAFKA_SASL_MECHANISM", SCRAM_MECHANISM);
        env.put("KAFKA_SASL_JAAS_CONFIG", saslJaasConfig());
        return env;
    }

    /** {@link #saslEnvironment()} with the right user and a wrong password: for the refused-login cases. */
    public Map<String, String> saslEnvironmentWithWrongPassword() {
        Map<String, String> env = saslEnvironment();
        env.put("KAFKA_SASL_JAAS_CONFIG", scramJaasConfig(scramUser(), "not-" + scramPassword()));
        return env;
    }

    private void requireScram() {
        if (saslBootstrapServers == null) {
            throw new IllegalStateException("this broker was started without a SCRAM listener (KafkaLocal.builder().scram(...))");
        }
    }

    /**
     * For callers that stop the broker themselves, in order, when their JVM exits: without this,
     * the JVM's shutdown hooks would stop the broker at the same moment as everything that still
     * needs it (hooks run concurrently).
     */
    public KafkaLocal withoutShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        return this;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is running or has run
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: the broker shuts down cleanly
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Options of the broker to start; every one has a default fit for tests. */
    public static final class Builder {
        private int kafkaPort;
        private int controllerPort;
        private Path dataDir;
        private boolean clean;
        private String scramUser;
        private String scramPassword;
        private int saslPort;
        private final List<String> topics = new ArrayList<>();
        private String maxHeap = "768m";
        private Duration startTimeout = Duration.ofSeconds(90);

        private Builder() {
        }

        /** Fixed client port; default a free port. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** Fixed KRaft controller port; default a free port. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Keep the broker's data in this folder across restarts; default a temp folder deleted on stop. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Delete the data folder before starting. */
        public Builder clean(boolean clean) {
            this.clean = clean;
            return this;
        }

        /** Create this topic before reporting ready (kept if it exists). */
        public Builder topic(String name, int partitions) {
            topics.add(name + ":" + partitions);
            return this;
        }

        /**
         * Also a SASL_PLAINTEXT listener that accepts SCRAM-SHA-512 logins of this user (created
         * before the broker reports ready). The password reaches the broker JVM through its
         * environment, not its command line.
         */
        public Builder scram(String user, String password) {
            if (user == null || user.isBlank() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("a SCRAM user needs a name and a password");
            }
            this.scramUser = user;
            this.scramPassword = password;
            return this;
        }

        /** {@link #scram(String, String)} with user {@code pipeline} and a random password. */
        public Builder scram() {
            return scram("pipeline", UUID.randomUUID().toString());
        }

        /** Fixed port of the SCRAM listener; default a free port. */
        public Builder saslPort(int port) {
            this.saslPort = port;
            return this;
        }

        public Builder maxHeap(String maxHeap) {
            this.maxHeap = Objects.requireNonNull(maxHeap);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Starts the broker and returns once it answers, every partition of its topics has a
         * leader and the group coordinator is ready.
         */
        public KafkaLocal start() {
            List<String> command = new ArrayList<>(List.of(
                    javaExecutable(), "-Xms64m", "-Xmx" + maxHeap, "-XX:+UseSerialGC",
                    "-Dlog4j2.configurationFile=kafka-local-log4j2.xml", "-Dlog4j.shutdownHookEnabled=false",
                    "-cp", brokerClasspath(), KafkaBrokerMain.class.getName(), "--watch-stdin"));
            if (kafkaPort > 0) {
                command.addAll(List.of("--kafka-port", Integer.toString(kafkaPort)));
            }
            if (controllerPort > 0) {
                command.addAll(List.of("--controller-port", Integer.toString(controllerPort)));
            }
            if (dataDir != null) {
                command.addAll(List.of("--data-dir", dataDir.toAbsolutePath().toString()));
            }
            if (clean) {
                command.add("--clean");
            }
            topics.forEach(t -> command.addAll(List.of("--topic", t)));
            ProcessBuilder builder = new ProcessBuilder(command);
            if (scramUser != null) {
                command.addAll(List.of("--scram-user", scramUser));
                if (saslPort > 0) {
                    command.addAll(List.of("--sasl-port", Integer.toString(saslPort)));
                }
                builder.environment().put(KafkaBrokerMain.SCRAM_PASSWORD_ENV, scramPassword);
            }

            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Kafka broker JVM", e);
            }
            try {
                String[] ready = awaitReady(process).split("\\s+");
                if (scramUser != null && ready.length < 2) {
                    throw new IllegalStateException("the Kafka broker reported no SASL listener: " + String.join(" ", ready));
                }
                return new KafkaLocal(process, ready[0], scramUser != null ? ready[1] : null, scramUser, scramPassword);
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }

        private String awaitReady(Process process) {
            CompletableFuture<String> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> pump(process.getInputStream(), ready), "kafka-local-stdout");
            reader.setDaemon(true);
            reader.start();
            Thread errors = new Thread(() -> pump(process.getErrorStream(), new CompletableFuture<>()), "kafka-local-stderr");
            errors.setDaemon(true);
            errors.start();
            try {
                return ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka broker not ready after " + startTimeout.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the Kafka broker", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }

        /**
         * Copies the child's output, each line prefixed "[kafka]"; completes {@code ready} on the
         * ready line and fails it if the child exits first.
         */
        private static void pump(InputStream stdout, CompletableFuture<String> ready) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!ready.isDone() && line.startsWith(KafkaBrokerMain.READY_PREFIX)) {
                        ready.complete(line.substring(KafkaBrokerMain.READY_PREFIX.length()).trim());
                    } else {
                        System.out.println("[kafka] " + line);
                    }
                }
            } catch (IOException ignored) {
                // the child is gone; handled below
            }
            ready.completeExceptionally(new IllegalStateException(
                    "the Kafka broker JVM exited before it was ready (see its output above)"));
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This module's classes plus the broker's jars, as resolved by the build. */
    static String brokerClasspath() {
        String own;
        try {
            own = Path.of(KafkaLocal.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = KafkaLocal.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build kafka-local with Maven first");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return own + File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
