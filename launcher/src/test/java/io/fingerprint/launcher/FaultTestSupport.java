package io.fingerprint.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the fault tests share: the pipeline's options, plain HTTP, and the parts' output lines. */
final class FaultTestSupport {

    static final long WINDOW_MS = 5_000;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FaultTestSupport() {
    }

    /** 5 s windows and 1 s out-of-orderness as in the end-to-end test, free ports, everything under {@code tmp}. */
    static PipelineOptions options(Path tmp, int rate, String idleTimeout) throws IOException {
        return PipelineOptions.parse(
                "--window-size", WINDOW_MS + "ms", "--out-of-orderness", "1s", "--idle-timeout", idleTimeout,
                "--rate", Integer.toString(rate),
                "--data-dir", tmp.resolve("data").toString(), "--output-dir", tmp.resolve("output").toString(),
                "--kafka-port", freePort(), "--controller-port", freePort(), "--web-ui-port", freePort(),
                "--generator-port", freePort(), "--saver-port", freePort());
    }

    record Response(int status, String body) {
        JsonNode json() {
            return PipelineLedger.parse(body);
        }
    }

    /**
     * GET; null when nothing answers within 10 s (the part is down). Readiness with the broker gone
     * takes about 5 s to say DOWN (the Kafka check's own timeout).
     */
    static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build());
    }

    static Response putJson(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** 200, or -1 when nothing answers. */
    static int status(String url) {
        Response r = get(url);
        return r == null ? -1 : r.status();
    }

    static JsonNode getJson(String url) {
        Response r = get(url);
        if (r == null || r.status() != 200) {
            throw new AssertionError("GET " + url + ": " + (r == null ? "no answer" : r.status() + " " + r.body()));
        }
        return r.json();
    }

    static String freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        }
    }

    /** The launcher's log: printed as usual, and every line kept for the test to read. */
    static final class CapturingLog extends PrintStream {
        final List<String> lines = new CopyOnWriteArrayList<>();

        CapturingLog() {
            super(System.out, true);
        }

        @Override
        public void println(String line) {
            lines.add(line);
            super.println(line);
        }
    }
}
