package io.fingerprint.saver.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a {@code fingerprint-output} payload, {@code {"fingerprint":{"uuid":…,"equip_id":"110",
 * "type":"kiln","start_ms":…,"end_ms":…,"data":{…}}}}. The inner object is cut out of the payload by
 * byte offsets (not re-serialised), then checked field by field; anything the saver could not file
 * or join safely is an {@link InvalidRecordException} with the reason, for the dead-letter topic.
 * Thread-safe.
 */
public final class FingerprintParser {

    /** Canonical UUID text only: nothing else may become part of a file name. */
    public static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EQUIP_ID = Pattern.compile("-?[0-9]{1,18}");

    private final JsonFactory json = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final ObjectMapper mapper = new ObjectMapper(json);

    public Fingerprint parse(byte[] payload) throws InvalidRecordException {
        if (payload == null || payload.length == 0) {
            throw new InvalidRecordException("empty payload");
        }
        if (payload.length > ReadingValidator.MAX_PAYLOAD_BYTES) {
            throw new InvalidRecordException("payload too large: " + payload.length + " bytes");
        }
        try {
            byte[] inner = innerObject(payload);
            return check(mapper.readTree(inner), inner);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("invalid JSON: " + Reasons.oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidRecordException("unreadable payload: " + Reasons.oneLine(e.getMessage()));
        }
    }

    /** The bytes of the value of the top-level "fingerprint" field. */
    private byte[] innerObject(byte[] payload) throws IOException, InvalidRecordException {
        try (JsonParser p = json.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRecordException("not a JSON object");
            }
            byte[] inner = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("fingerprint".equals(field) && value == JsonToken.START_OBJECT) {
                    int from = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    int to = (int) p.currentTokenLocation().getByteOffset() + 1;
                    inner = Arrays.copyOfRange(payload, from, to);
                } else if ("fingerprint".equals(field)) {
                    throw new InvalidRecordException("fingerprint must be an object");
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new InvalidRecordException("invalid JSON: not a single object");
            }
            if (inner == null) {
                throw new InvalidRecordException("missing fingerprint");
            }
            return inner;
        }
    }

    private static Fingerprint check(JsonNode f, byte[] raw) throws InvalidRecordException {
        String uuid = text(f, "uuid");
        if (!UUID_TEXT.matcher(uuid).matches()) {
            throw new InvalidRecordException("uuid is not a UUID");
        }
        JsonNode equipNode = f.get("equip_id");
        String equipId = equipNode == null ? null : equipNode.isIntegralNumber() ? equipNode.asText()
                : equipNode.isTextual() ? equipNode.textValue() : null;
        if (equipId == null || !EQUIP_ID.matcher(equipId).matches()) {
            throw new InvalidRecordException("equip_id must be an integer or a string of one");
        }
        String type = text(f, "type");
        long start = epochMs(f, "start_ms");
        long end = epochMs(f, "end_ms");
        if (start >= end) {
            throw new InvalidRecordException("start_ms must be before end_ms");
        }
        JsonNode data = f.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidRecordException("data must be an object");
        }
        List<String> sensors = new ArrayList<>();
        for (Iterator<String> names = data.fieldNames(); names.hasNext(); ) {
            sensors.add(names.next());
        }
        return new Fingerprint(uuid.toLowerCase(java.util.Locale.ROOT), equipId, Long.parseLong(equipId), type,
                start, end, List.copyOf(sensors), raw);
    }

    private static String text(JsonNode f, String field) throws InvalidRecordException {
        JsonNode node = f.get(field);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw new InvalidRecordException(field + " must be a non-empty string");
        }
        return node.textValue();
    }

    private static long epochMs(JsonNode f, String field) throws InvalidRecordException {
        JsonNode node = f.get(field);
        if (node == null || !node.canConvertToExactIntegral() || !node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < 0) {
            throw new InvalidRecordException(field + " must be a non-negative integer (epoch ms)");
        }
        return node.longValue();
    }
}
