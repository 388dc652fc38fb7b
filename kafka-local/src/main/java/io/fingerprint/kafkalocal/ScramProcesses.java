package io.fingerprint.kafkalocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the SCRAM tests of the generator, the saver and the job share: a broker that accepts only
 * SCRAM logins, a trust store file, and the packaged parts a test starts against it, each with
 * nothing but its environment and its own log file. Closing it stops the parts, then the broker.
 */
public final class ScramProcesses implements AutoCloseable {

    private final KafkaLocal kafka;
    private final Path truststore;
    private final List<Process> started = new ArrayList<>();

    private ScramProcesses(KafkaLocal kafka, Path truststore) {
        this.kafka = kafka;
        this.truststore = truststore;
    }

    /** Starts the broker {@code scramBroker} describes ({@code KafkaLocal.builder().scram()…}) and writes the trust store into {@code target}. */
    public static ScramProcesses start(KafkaLocal.Builder scramBroker, Path target) throws IOException {
        // written first: a broker left running by a failed write would outlive the test
        Path truststore = Files.writeString(target.resolve("scram-it-truststore.p12"), "not read: SASL_PLAINTEXT uses no TLS")
                .toAbsolutePath();
        return new ScramProcesses(scramBroker.start(), truststore);
    }

    public KafkaLocal kafka() {
        return kafka;
    }

    public Path truststore() {
        return truststore;
    }

    /**
     * {@link KafkaLocal#saslEnvironment()} and the trust store: TLS settings ride along, unused over
     * SASL_PLAINTEXT, but the clients' logged configurations show they arrived. A map to add to.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(kafka.saslEnvironment());
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString());
        env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit");
        return env;
    }

    /** What every client of a part started with {@link #environment()} must have logged (see {@link KafkaClientConfigs#lacking}). */
    public List<String> expectedClientSettings() {
        return List.of(
                "bootstrap.servers = [" + kafka.saslBootstrapServers() + "]",
                "security.protocol = SASL_PLAINTEXT",
                "sasl.mechanism = " + KafkaLocal.SCRAM_MECHANISM,
                "sasl.jaas.config = [hidden]",
                "ssl.truststore.location = " + truststore);
    }

    /**
     * Starts {@code command} with its output in {@code log}; the variables of this JVM whose names
     * start with one of {@code clearedPrefixes} are removed first, so the part gets only {@code env}.
     */
    public Process start(List<String> command, Map<String, String> env, Path log, String... clearedPrefixes) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        for (String prefix : clearedPrefixes) {
            pb.environment().keySet().removeIf(k -> k.startsWith(prefix));
        }
        pb.environment().putAll(env);
        Process process = pb.start();
        started.add(process);
        return process;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
        kafka.close();
    }
}
