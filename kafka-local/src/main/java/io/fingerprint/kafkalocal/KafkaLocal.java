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
import java.util.List;
import java.util.Objects;
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
 */
public final class KafkaLocal implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "broker-classpath.txt";
    private static KafkaLocal shared;

    private final Process process;
    private final String bootstrapServers;
    private final Thread shutdownHook;

    private KafkaLocal(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
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

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
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

        public Builder maxHeap(String maxHeap) {
            this.maxHeap = Objects.requireNonNull(maxHeap);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Starts the broker and returns once it answers and its topics exist. */
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

            Process process;
            try {
                process = new ProcessBuilder(command).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Kafka broker JVM", e);
            }
            try {
                String bootstrap = awaitReady(process);
                return new KafkaLocal(process, bootstrap);
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
