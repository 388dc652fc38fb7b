package io.fingerprint.formats.fingerprint;

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
 * Reads a {@code fingerprint-output} payload as {@link FingerprintWriter} writes it,
 * {@code {"fingerprint":{"uuid":…,"equip_id":"110","type":"kiln","start_ms":…,"end_ms":…,"data":{…},
 * "inputs":[…]}}}, and as the original pipeline wrote it (no {@code count}, no {@code inputs}). The
 * inner object is cut out of the payload by byte offsets (not re-serialised), then checked field by
 * field; anything a consumer could not file or join safely is an {@link InvalidFingerprintException}
 * with the reason, for a dead-letter topic.
 * Beyond the shape, two limits keep one bad message from costing the join dearly: a window longer
 * than {@code maxWindowMs} (the join would hold every reading of it in memory) and a window ending
 * more than {@code maxFutureMs} ahead of the clock (no reading can be stamped there: both the job
 * and the saver drop such readings). Every sensor's statistics must be the five numbers (and a
 * {@code count}, if there is one, a positive integer); every input range a partition, two offsets in
 * order and a positive count. Thread-safe.
 */
public final class FingerprintReader {

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
    public FingerprintReader() {
        this(DEFAULT_MAX_WINDOW_MS, DEFAULT_MAX_FUTURE_MS, System::currentTimeMillis);
    }

    public FingerprintReader(long maxWindowMs, long maxFutureMs, LongSupplier clock) {
        this.maxWindowMs = maxWindowMs;
        this.maxFutureMs = maxFutureMs;
        this.clock = clock;
    }

    /** Payloads above this size are refused before parsing (Kafka's default largest message). */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;

    public ReceivedFingerprint read(byte[] payload) throws InvalidFingerprintException {
        if (payload == null || payload.length == 0) {
            throw new InvalidFingerprintException("empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidFingerprintException("payload too large: " + payload.length + " bytes");
        }
        try {
            byte[] inner = innerObject(payload);
            return check(mapper.readTree(inner), inner);
        } catch (JsonProcessingException e) {
            throw new InvalidFingerprintException("invalid JSON: " + Reasons.oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidFingerprintException("unreadable payload: " + Reasons.oneLine(e.getMessage()));
        }
    }

    /** The bytes of the value of the top-level "fingerprint" field. */
    private byte[] innerObject(byte[] payload) throws IOException, InvalidFingerprintException {
        try (JsonParser p = json.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidFingerprintException("not a JSON object");
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
                    throw new InvalidFingerprintException("fingerprint must be an object");
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new InvalidFingerprintException("invalid JSON: not a single object");
            }
            if (inner == null) {
                throw new InvalidFingerprintException("missing fingerprint");
            }
            return inner;
        }
    }

    private ReceivedFingerprint check(JsonNode f, byte[] raw) throws InvalidFingerprintException {
        String uuid = text(f, "uuid");
        if (!UuidText.ANY_CASE.matcher(uuid).matches()) {
            throw new InvalidFingerprintException("uuid is not a UUID");
        }
        JsonNode equipNode = f.get("equip_id");
        String equipId = equipNode == null ? null : equipNode.isIntegralNumber() ? equipNode.asText()
                : equipNode.isTextual() ? equipNode.textValue() : null;
        if (equipId == null || !EQUIP_ID.matcher(equipId).matches()) {
            throw new InvalidFingerprintException("equip_id must be an integer or a string of one");
        }
        String type = text(f, "type");
        if (type.length() > MAX_TYPE_LENGTH) {
            throw new InvalidFingerprintException("type is longer than " + MAX_TYPE_LENGTH + " characters");
        }
        long start = epochMs(f, "start_ms");
        long end = epochMs(f, "end_ms");
        if (start >= end) {
            throw new InvalidFingerprintException("start_ms must be before end_ms");
        }
        if (end - start > maxWindowMs) {
            throw new InvalidFingerprintException("window of " + (end - start) + " ms is longer than the maximum " + maxWindowMs + " ms");
        }
        if (end - clock.getAsLong() > maxFutureMs) {
            throw new InvalidFingerprintException("end_ms " + end + " is too far in the future");
        }
        JsonNode data = f.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidFingerprintException("data must be an object");
        }
        if (data.isEmpty()) {
            throw new InvalidFingerprintException("data has no sensor");
        }
        List<String> sensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = data.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> sensor = entries.next();
            if (sensor.getKey().isBlank()) {
                throw new InvalidFingerprintException("a sensor id in data is empty");
            }
            checkStatistics(sensor.getKey(), sensor.getValue());
            sensors.add(sensor.getKey());
        }
        return new ReceivedFingerprint(uuid.toLowerCase(java.util.Locale.ROOT), equipId, Long.parseLong(equipId), type,
                start, end, List.copyOf(sensors), inputs(f.get("inputs")), raw);
    }

    /** The optional lineage: absent or empty means "not said". */
    private static List<InputRange> inputs(JsonNode inputs) throws InvalidFingerprintException {
        if (inputs == null || inputs.isNull()) {
            return List.of();
        }
        if (!inputs.isArray()) {
            throw new InvalidFingerprintException("inputs must be an array");
        }
        List<InputRange> ranges = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode r : inputs) {
            if (!r.isObject()) {
                throw new InvalidFingerprintException("inputs[" + ranges.size() + "] must be an object");
            }
            String where = "inputs[" + ranges.size() + "]";
            String topic = text(r, "topic");
            long partition = epochMs(r, "partition", where + ".partition must be a non-negative integer");
            long from = epochMs(r, "from_offset", where + ".from_offset must be a non-negative integer");
            long to = epochMs(r, "to_offset", where + ".to_offset must be a non-negative integer");
            long records = epochMs(r, "records", where + ".records must be a non-negative integer");
            if (partition > Integer.MAX_VALUE) {
                throw new InvalidFingerprintException(where + ".partition is too large");
            }
            if (from > to) {
                throw new InvalidFingerprintException(where + ".from_offset must not be above to_offset");
            }
            if (records < 1 || records > to - from + 1) {
                throw new InvalidFingerprintException(where + ".records must be between 1 and the size of the range");
            }
            if (!seen.add(topic + "-" + partition)) {
                throw new InvalidFingerprintException(where + " repeats partition " + partition + " of " + Reasons.oneLine(topic));
            }
            ranges.add(new InputRange(topic, (int) partition, from, to, records));
        }
        return List.copyOf(ranges);
    }

    /** The job's statistics: five numbers and, if present, a positive count; std_dev not negative, min not above max. */
    private static void checkStatistics(String sensor, JsonNode stats) throws InvalidFingerprintException {
        String where = "data[" + Reasons.oneLine(sensor.length() > 40 ? sensor.substring(0, 40) + "…" : sensor) + "]";
        if (!stats.isObject()) {
            throw new InvalidFingerprintException(where + " must be an object of statistics");
        }
        for (String name : STATISTICS) {
            JsonNode value = stats.get(name);
            if (value == null || !value.isNumber()) {
                throw new InvalidFingerprintException(where + "." + name + " must be a number");
            }
        }
        JsonNode count = stats.get("count");
        if (count != null && (!count.isIntegralNumber() || !count.canConvertToLong() || count.longValue() < 1)) {
            throw new InvalidFingerprintException(where + ".count must be a positive integer");
        }
        if (stats.get("std_dev").doubleValue() < 0) {
            throw new InvalidFingerprintException(where + ".std_dev must not be negative");
        }
        if (stats.get("min").doubleValue() > stats.get("max").doubleValue()) {
            throw new InvalidFingerprintException(where + ".min must not be above max");
        }
    }

    private static String text(JsonNode f, String field) throws InvalidFingerprintException {
        JsonNode node = f.get(field);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw new InvalidFingerprintException(field + " must be a non-empty string");
        }
        return node.textValue();
    }

    private static long epochMs(JsonNode f, String field) throws InvalidFingerprintException {
        return epochMs(f, field, field + " must be a non-negative integer (epoch ms)");
    }

    private static long epochMs(JsonNode f, String field, String reason) throws InvalidFingerprintException {
        JsonNode node = f.get(field);
        if (node == null || !node.canConvertToExactIntegral() || !node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < 0) {
            throw new InvalidFingerprintException(reason);
        }
        return node.longValue();
    }
}
