package io.fingerprint.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * When the saver announced each saved file on its Server-Sent Events stream: after the file is
 * fsynced, renamed and its folder fsynced, so durable and served. The end of the latencies of 7.
 */
final class SavedEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> savedAt = new ConcurrentHashMap<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private SavedEvents(String saverUrl) {
        response = Jvm.Http.client().sendAsync(HttpRequest.newBuilder(URI.create(saverUrl + "/fingerprints/stream"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> r.body().forEach(this::line));
    }

    /** Subscribes now: only files saved from here on are seen. */
    static SavedEvents watch(String saverUrl) {
        return new SavedEvents(saverUrl);
    }

    private void line(String line) {
        if (!line.startsWith("data:")) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            savedAt.putIfAbsent(JSON.readTree(line.substring(5)).get("uuid").asText(), now);
        } catch (Exception e) {
            // not a summary: not timed
        }
    }

    /** Epoch millis its save was announced, or null if it was not (yet). */
    Long savedAt(String uuid) {
        return savedAt.get(uuid);
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
