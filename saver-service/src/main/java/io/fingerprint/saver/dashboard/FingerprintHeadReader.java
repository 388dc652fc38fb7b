package io.fingerprint.saver.dashboard;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the fingerprint's {@code data} (per-sensor statistics) from the head of a saved file and
 * stops there: the input records after it, which can be many, are never read.
 */
final class FingerprintHeadReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FingerprintHeadReader() {
    }

    static JsonNode sensors(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a saved fingerprint");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("fingerprint".equals(field)) {
                    JsonNode fingerprint = JSON.readTree(p);
                    JsonNode data = fingerprint.path("data");
                    return data.isObject() ? data : JSON.createObjectNode();
                }
                p.skipChildren();
            }
            throw new IOException("no fingerprint in the saved file");
        }
    }
}
