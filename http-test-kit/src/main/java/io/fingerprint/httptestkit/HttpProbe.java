package io.fingerprint.httptestkit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs against a service started as its own process by a test, and a free port to start it on. */
public final class HttpProbe {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Status -1: nothing listens (yet). */
    public record Response(int statusCode, String body) {
    }

    private HttpProbe() {
    }

    public static Response get(int port, String path) throws IOException, InterruptedException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (ConnectException e) {
            return new Response(-1, "");
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
