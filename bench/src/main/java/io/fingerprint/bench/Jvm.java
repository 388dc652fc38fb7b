package io.fingerprint.bench;

import io.fingerprint.launcher.ChildProcess;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A packaged part of the product (generator, saver, the job's local jar) or a Kafka tool in its own
 * JVM, started with the launcher's {@link ChildProcess}. Its output goes to a log file (the saver
 * logs a line per file), the last lines are kept for the error message if it fails, and lines can
 * be collected while it runs.
 */
final class Jvm implements AutoCloseable {

    private static final int TAIL = 60;

    final String name;
    final Path log;
    private final ChildProcess child;
    private final Capture capture;

    private Jvm(String name, Path log, ChildProcess child, Capture capture) {
        this.name = name;
        this.log = log;
        this.child = child;
        this.capture = capture;
    }

    /**
     * Starts {@code command} with {@code env} added to this JVM's environment; its output goes to
     * {@code logDir/name.log}, and with {@code collect} also to {@link #lines()}.
     */
    static Jvm start(String name, List<String> command, Map<String, String> env, Path logDir, boolean collect) {
        Path log = logDir.resolve(name + ".log");
        Capture capture;
        try {
            Files.createDirectories(logDir);
            capture = new Capture(new FileOutputStream(log.toFile()), collect);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess child = ChildProcess.start(name, command, env, Artifacts.root(), capture);
        Jvm jvm = new Jvm(name, log, child, capture);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> child.process().destroyForcibly(), name + "-kill"));
        return jvm;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits for {@code url} to answer 200 with a body {@code ready} accepts; on failure the error names the log. */
    void awaitReady(String url, Predicate<String> ready, Duration timeout) {
        try {
            child.awaitReady(url, ready, timeout, new PrintStream(OutputStream.nullOutputStream()));
        } catch (IllegalStateException e) {
            throw failure(e.getMessage());
        }
    }

    /**
     * Polls {@code url} every 20 ms (finer than the launcher's 250 ms, so a start-up time is not
     * rounded up) until it answers 200 with status UP.
     */
    void awaitUp(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw failure(name + " exited before it was ready");
            }
            try {
                HttpResponse<String> r = Http.get(url);
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw failure(name + " was not ready after " + timeout.toSeconds() + " s");
    }

    IllegalStateException failure(String message) {
        return new IllegalStateException(message + "; last lines of " + log + ":\n" + String.join("\n", capture.tail()));
    }

    /** Every line printed so far, when started with {@code collect}. */
    List<String> lines() {
        return capture.collected();
    }

    long pid() {
        return child.pid();
    }

    boolean isAlive() {
        return child.isAlive();
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!child.process().waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw failure(name + " did not finish within " + timeout.toSeconds() + " s");
        }
        return child.process().exitValue();
    }

    @Override
    public void close() {
        child.stop(30);
        capture.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines to the log file; the last ones kept; optionally collected. */
    private static final class Capture extends PrintStream {
        private final Deque<String> tail = new ArrayDeque<>();
        private List<String> collected;

        Capture(OutputStream file, boolean collect) {
            super(file, true, StandardCharsets.UTF_8);
            collected = collect ? new ArrayList<>() : null;
        }

        @Override
        public synchronized void println(String line) {
            super.println(line);
            tail.addLast(line);
            if (tail.size() > TAIL) {
                tail.removeFirst();
            }
            if (collected != null) {
                collected.add(line);
            }
        }

        synchronized List<String> tail() {
            return new ArrayList<>(tail);
        }

        synchronized List<String> collected() {
            return collected == null ? List.of() : new ArrayList<>(collected);
        }
    }

    /** Small HTTP helpers for the services' REST APIs. */
    static final class Http {
        private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        private Http() {
        }

        static HttpClient client() {
            return CLIENT;
        }

        static HttpResponse<String> get(String url) throws IOException, InterruptedException {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        static String getOk(String url) throws IOException, InterruptedException {
            HttpResponse<String> r = get(url);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }

        static String putJson(String url, String json) throws IOException, InterruptedException {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("PUT " + url + " " + json + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
    }
}
