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
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Reads a {@code fingerprint-output} payload, {@code {"fingerprint":{"uuid":…,"equip_id":"110",
 * "type":"kiln","start_ms":…,"end_ms":…,"data":{…}}}}. The inner object is cut out of the payload by
 * byte offsets (not re-serialised), then checked field by field; anything the saver could not file
 * or join safely is an {@link InvalidRecordException} with the reason, for the dead-letter topic.
 * Beyond the shape, two limits keep one bad message from costing the join dearly: a window longer
 * than {@code maxWindowMs} (the join would hold every reading of it in memory) and a window ending
 * more than {@code maxFutureMs} ahead of the clock (no reading can be stamped there: both the job
 * and the saver drop such readings). Every sensor's statistics must be the job's six numbers.
 * Thread-safe.
 */
public final class FingerprintParser {

    /** Canonical UUID text only: nothing else may become part of a file name. */
    public static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EQUIP_ID = Pattern.compile("-?[0-9]{1,18}");

    /** The defaults of {@code saver.max-window} and {@code saver.max-future}. */
    public static final long DEFAULT_MAX_WINDOW_MS = 24 * 3_600_000L;
    public static final long DEFAULT_MAX_FUTURE_MS = 3_600_000L;
    private static final int MAX_TYPE_LENGTH = 100;
    private static final List<String> STATISTICS = List.of("min", "max", "median", "mean", "std_dev");

    private final JsonFactory json = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final ObjectMapper mapper = new ObjectMapper(json);
    private final long maxWindowMs;
    private final long maxFutureMs;
    private final LongSupplier clock;

    /** With the default limits and the system clock. */
    public FingerprintParser() {
        this(DEFAULT_MAX_WINDOW_MS, DEFAULT_MAX_FUTURE_MS, System::currentTimeMillis);
    }

    public FingerprintParser(long maxWindowMs, long maxFutureMs, LongSupplier clock) {
        this.maxWindowMs = maxWindowMs;
        this.maxFutureMs = maxFutureMs;
        this.clock = clock;
    }

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

    private Fingerprint check(JsonNode f, byte[] raw) throws InvalidRecordException {
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
        if (type.length() > MAX_TYPE_LENGTH) {
            throw new InvalidRecordException("type is longer than " + MAX_TYPE_LENGTH + " characters");
        }
        long start = epochMs(f, "start_ms");
        long end = epochMs(f, "end_ms");
        if (start >= end) {
            throw new InvalidRecordException("start_ms must be before end_ms");
        }
        if (end - start > maxWindowMs) {
            throw new InvalidRecordException("window of " + (end - start) + " ms is longer than the maximum " + maxWindowMs + " ms");
        }
        if (end - clock.getAsLong() > maxFutureMs) {
            throw new InvalidRecordException("end_ms " + end + " is too far in the future");
        }
        JsonNode data = f.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidRecordException("data must be an object");
        }
        if (data.isEmpty()) {
            throw new InvalidRecordException("data has no sensor");
        }
        List<String> sensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = data.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> sensor = entries.next();
            if (sensor.getKey().isBlank()) {
                throw new InvalidRecordException("a sensor id in data is empty");
            }
            checkStatistics(sensor.getKey(), sensor.getValue());
            sensors.add(sensor.getKey());
        }
        return new Fingerprint(uuid.toLowerCase(java.util.Locale.ROOT), equipId, Long.parseLong(equipId), type,
                start, end, List.copyOf(sensors), raw);
    }

    /** The job's statistics: five numbers and a positive count, std_dev not negative, min not above max. */
    private static void checkStatistics(String sensor, JsonNode stats) throws InvalidRecordException {
        String where = "data[" + Reasons.oneLine(sensor.length() > 40 ? sensor.substring(0, 40) + "…" : sensor) + "]";
        if (!stats.isObject()) {
            throw new InvalidRecordException(where + " must be an object of statistics");
        }
        for (String name : STATISTICS) {
            JsonNode value = stats.get(name);
            if (value == null || !value.isNumber()) {
                throw new InvalidRecordException(where + "." + name + " must be a number");
            }
        }
        JsonNode count = stats.get("count");
        if (count == null || !count.isIntegralNumber() || !count.canConvertToLong() || count.longValue() < 1) {
            throw new InvalidRecordException(where + ".count must be a positive integer");
        }
        if (stats.get("std_dev").doubleValue() < 0) {
            throw new InvalidRecordException(where + ".std_dev must not be negative");
        }
        if (stats.get("min").doubleValue() > stats.get("max").doubleValue()) {
            throw new InvalidRecordException(where + ".min must not be above max");
        }
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
