package io.fingerprint.saver.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Decides whether a {@code sensor-data} payload is well-formed, with the record-level rules of the
 * Flink job's parser: one JSON object (no duplicate keys, no trailing content) with an integer
 * {@code equip_id}, a non-negative integer {@code timestamp} not too far in the future and a
 * {@code data} object. Values inside {@code data} are not judged: the record is kept as produced,
 * nulls included. One streaming pass, no tree.
 */
public final class ReadingValidator {

    static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();
    private final long maxFutureMs;
    private final LongSupplier clock;

    public ReadingValidator(long maxFutureMs, LongSupplier clock) {
        this.maxFutureMs = maxFutureMs;
        this.clock = clock;
    }

    public ReadingKey validate(byte[] payload) throws InvalidRecordException {
        if (payload == null || payload.length == 0) {
            throw new InvalidRecordException("empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidRecordException("payload too large: " + payload.length + " bytes");
        }
        try (JsonParser p = json.createParser(payload)) {
            return read(p);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("invalid JSON: " + Reasons.oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidRecordException("unreadable payload: " + Reasons.oneLine(e.getMessage()));
        }
    }

    private ReadingKey read(JsonParser p) throws IOException, InvalidRecordException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidRecordException("not a JSON object");
        }
        Long equipId = null;
        Long timestamp = null;
        boolean data = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "equip_id" -> equipId = integer(p, value, "equip_id");
                case "timestamp" -> timestamp = integer(p, value, "timestamp");
                case "data" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw new InvalidRecordException("data must be an object");
                    }
                    p.skipChildren();
                    data = true;
                }
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new InvalidRecordException("invalid JSON: not a single object");
        }
        if (equipId == null || timestamp == null || !data) {
            throw new InvalidRecordException("missing " + (equipId == null ? "equip_id" : timestamp == null ? "timestamp" : "data"));
        }
        if (timestamp < 0) {
            throw new InvalidRecordException("negative timestamp");
        }
        if (timestamp - clock.getAsLong() > maxFutureMs) {
            throw new InvalidRecordException("timestamp " + timestamp + " is too far in the future");
        }
        return new ReadingKey(equipId, timestamp);
    }

    private static long integer(JsonParser p, JsonToken token, String field) throws IOException, InvalidRecordException {
        if (token != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidRecordException(field + " must be an integer");
        }
        return p.getLongValue();
    }
}
