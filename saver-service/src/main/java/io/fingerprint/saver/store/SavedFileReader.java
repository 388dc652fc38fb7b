package io.fingerprint.saver.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds a summary from a saved file without reading all of it: the fingerprint object is at
 * the head, input_count and complete at the tail (this service writes them there). A file written
 * otherwise is parsed in full.
 */
final class SavedFileReader {

    private static final Pattern TAIL = Pattern.compile("\"input_count\":([0-9]{1,9}),\"complete\":(true|false)}\\s*$");
    private static final int TAIL_BYTES = 64;

    private final ObjectMapper mapper = new ObjectMapper();

    FingerprintSummary read(Path file) throws IOException {
        JsonNode fingerprint;
        try (InputStream in = Files.newInputStream(file); JsonParser p = mapper.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"fingerprint".equals(p.currentName()) || p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a saved fingerprint");
            }
            fingerprint = mapper.readTree(p);
        }
        Matcher tail = TAIL.matcher(tail(file));
        if (tail.find()) {
            return summary(fingerprint, Integer.parseInt(tail.group(1)), Boolean.parseBoolean(tail.group(2)));
        }
        JsonNode whole = mapper.readTree(file.toFile());
        return summary(fingerprint, whole.path("input_count").asInt(), whole.path("complete").asBoolean());
    }

    private static String tail(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int n = (int) Math.min(TAIL_BYTES, length);
            byte[] bytes = new byte[n];
            f.seek(length - n);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.US_ASCII);
        }
    }

    private static FingerprintSummary summary(JsonNode f, int inputCount, boolean complete) throws IOException {
        String uuid = f.path("uuid").asText().toLowerCase(java.util.Locale.ROOT);
        if (uuid.isEmpty() || !f.path("start_ms").canConvertToLong() || !f.path("end_ms").canConvertToLong()) {
            throw new IOException("fingerprint without uuid, start_ms or end_ms");
        }
        List<String> sensors = new ArrayList<>();
        for (Iterator<String> it = f.path("data").fieldNames(); it.hasNext(); ) {
            sensors.add(it.next());
        }
        return new FingerprintSummary(uuid, f.path("equip_id").asText(), f.path("type").asText(),
                f.path("start_ms").asLong(), f.path("end_ms").asLong(), List.copyOf(sensors), inputCount, complete);
    }
}
