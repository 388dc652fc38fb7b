package io.fingerprint.httptestkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A corpus of bad HTTP requests (a test resource, one request a line) and a client that sends each
 * byte for byte over a plain socket: HTTP client libraries would normalise paths, refuse odd
 * methods or fix headers before anything reached the service.
 *
 * <p>Columns, TAB-separated: name, expected status, what the {@code error} text must contain
 * ({@code -}: anything; {@code <empty>}: no body at all, for refusals of the HTTP codec itself),
 * method, request target, headers ({@code Name: value} separated by {@code |}), body. Target,
 * header values and body take the escapes {@code \t \r \n \\ \xHH} and {@code ${repeat:N:text}}
 * (text N times). Host, Connection: close and, for a body, Content-Length are added unless the
 * line sets them; with {@code Transfer-Encoding: chunked} the body is sent as one chunk.
 */
public final class HttpCorpus {

    /** What an error body must never show: stack frames, exception or framework class names. */
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final Pattern LEAK = Pattern.compile(
            "(?i)exception|\\bat [a-z]+\\.|caused by|\\.java:|java\\.|javax?\\.|jakarta\\.|io\\.(fingerprint|quarkus|vertx|smallrye|netty)"
                    + "|org\\.(jboss|apache)|com\\.fasterxml|\\$[0-9]|stack ?trace");

    public record BadRequest(int line, String name, int status, String errorContains, String method, byte[] target,
                             List<Map.Entry<String, byte[]>> headers, byte[] body) {

        public boolean expectsEmptyBody() {
            return "<empty>".equals(errorContains);
        }

        @Override
        public String toString() {
            return "line " + line + ": " + name;
        }

        byte[] bytes(String host) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out, method.getBytes(StandardCharsets.ISO_8859_1));
            write(out, " ".getBytes(StandardCharsets.ISO_8859_1));
            write(out, target);
            write(out, " HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            boolean chunked = false;
            boolean hasHost = false;
            boolean hasLength = false;
            for (Map.Entry<String, byte[]> h : headers) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                hasHost |= name.equals("host");
                hasLength |= name.equals("content-length");
                chunked |= name.equals("transfer-encoding") && new String(h.getValue(), StandardCharsets.ISO_8859_1).contains("chunked");
                header(out, h.getKey(), h.getValue());
            }
            if (!hasHost) {
                header(out, "Host", host.getBytes(StandardCharsets.ISO_8859_1));
            }
            if (body.length > 0 && !chunked && !hasLength) {
                header(out, "Content-Length", Integer.toString(body.length).getBytes(StandardCharsets.ISO_8859_1));
            }
            header(out, "Connection", "close".getBytes(StandardCharsets.ISO_8859_1));
            write(out, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (chunked) {
                if (body.length > 0) {
                    write(out, (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    write(out, body);
                    write(out, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                write(out, "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                write(out, body);
            }
            return out.toByteArray();
        }

        private static void header(ByteArrayOutputStream out, String name, byte[] value) {
            write(out, (name + ": ").getBytes(StandardCharsets.ISO_8859_1));
            write(out, value);
            write(out, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }

        private static void write(ByteArrayOutputStream out, byte[] bytes) {
            out.write(bytes, 0, bytes.length);
        }
    }

    /** A response as read off the socket. */
    public record Response(int status, Map<String, String> headers, byte[] body, String raw) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private HttpCorpus() {
    }

    /**
     * What every corpus line expects: its 4xx status, nothing of the server's internals, and exactly
     * {@code {"error": text}} holding the expected words, or no body for a refusal of the HTTP codec.
     */
    public static void assertRefused(BadRequest request, Response response) throws IOException {
        assertThat(response.status()).as(request + "\n" + response.raw())
                .isEqualTo(request.status()).isBetween(400, 499);
        assertThat(response.bodyText()).as(request + ": no stack trace, no class names")
                .doesNotContainPattern(LEAK);
        if (request.expectsEmptyBody()) {
            assertThat(response.body()).as(request + ": refused by the codec, no body").isEmpty();
            return;
        }
        assertThat(response.header("Content-Type")).as(request + "\n" + response.raw())
                .startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.isObject() && body.size() == 1 && body.path("error").isTextual())
                .as(request + ": exactly {\"error\": text}, got " + response.bodyText()).isTrue();
        if (!"-".equals(request.errorContains())) {
            assertThat(body.path("error").textValue()).as(request.toString())
                    .contains(request.errorContains());
        }
    }


    public static List<BadRequest> load(String resource) {
        List<BadRequest> requests = new ArrayList<>();
        try (InputStream in = HttpCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                if (c.length != 7) {
                    throw new IllegalStateException(resource + " line " + (i + 1) + ": 7 columns expected, got " + c.length);
                }
                List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
                if (!c[5].isEmpty()) {
                    for (String h : c[5].split("\\|")) {
                        int colon = h.indexOf(':');
                        headers.add(Map.entry(h.substring(0, colon).trim(), unescape(h.substring(colon + 1).trim())));
                    }
                }
                requests.add(new BadRequest(i + 1, c[0], Integer.parseInt(c[1]), c[2], c[3], unescape(c[4]), headers, unescape(c[6])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requests;
    }

    /** The escapes of the corpus files; characters above U+00FF are written as UTF-8. */
    public static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (s.startsWith("${repeat:", i)) {
                int colon = s.indexOf(':', i + 9);
                int close = s.indexOf('}', colon);
                int times = Integer.parseInt(s.substring(i + 9, colon));
                byte[] unit = unescape(s.substring(colon + 1, close));
                for (int n = 0; n < times; n++) {
                    out.write(unit, 0, unit.length);
                }
                i = close;
            } else if (ch == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                switch (next) {
                    case 't' -> out.write('\t');
                    case 'r' -> out.write('\r');
                    case 'n' -> out.write('\n');
                    case '\\' -> out.write('\\');
                    case 'x' -> {
                        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> throw new IllegalArgumentException("unknown escape \\" + next + " in " + s);
                }
            } else if (ch < 0x100) {
                out.write(ch);
            } else {
                byte[] utf8 = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    /**
     * Sends the request and reads the response until the server closes the connection. A server
     * that answers early (413) and closes may make the rest of the write fail: the answer is still read.
     */
    public static Response send(String host, int port, BadRequest request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.bytes(host + ":" + port));
                out.flush();
            } catch (SocketException e) {
                // answered and closed before the whole request was taken: read the answer
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                if (received.size() == 0) {
                    throw e;
                }
            }
            return parse(received.toByteArray());
        }
    }

    public static Response parse(byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/1.") || headEnd < 0) {
            throw new IllegalStateException("not an HTTP response: " + raw);
        }
        String[] head = raw.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body, raw);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < chunked.length) {
            int lineEnd = indexOf(chunked, pos);
            int size = Integer.parseInt(new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("truncated chunked body");
    }
}
