package io.fingerprint.formats.reading;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Arrays;

/**
 * Parses a {@code sensor-data} payload,
 * {@code {"equip_id":110,"timestamp":1706123456789,"data":{"0001":"45.234","0003":"null"}}},
 * with Jackson's streaming parser: no tree, no reflection, one pass.
 *
 * <p>Sensor values may be numeric strings or JSON numbers; {@code "null"} and JSON {@code null} mean
 * "no value" and are dropped. A value that is anything else (text, NaN, Infinity, a boolean, an
 * object) is dropped and counted, the record's good values are kept. A record without a valid
 * {@code equip_id}, {@code timestamp} or {@code data} object is rejected as a whole.
 *
 * <p>Not thread-safe: one instance per parallel task.
 */
public final class ReadingParser {

    /** Payloads above this size are rejected before parsing. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;

    // Duplicate names are refused by FieldNames below, not by Jackson's STRICT_DUPLICATE_DETECTION:
    // its hash set per object took a seventh of the parsing time.
    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();
    private final FieldNames topLevelNames = new FieldNames();
    private final FieldNames sensorNames = new FieldNames();
    private final int maxPayloadBytes;
    private final long maxFutureMs;
    private final Clock clock;

    private String[] ids = new String[8];
    private double[] vals = new double[8];
    private int rejectedValues;
    private String firstRejected;
    private int nullValues;

    /** Wall clock, replaceable in tests. */
    @FunctionalInterface
    public interface Clock {
        long millis();
    }

    /**
     * @param maxFutureMs a timestamp further than this ahead of the wall clock is rejected: one
     *     reading from the year 3000 would otherwise push the watermark ahead and make every
     *     later reading late
     */
    public ReadingParser(int maxPayloadBytes, long maxFutureMs, Clock clock) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxFutureMs = maxFutureMs;
        this.clock = clock;
    }

    /** Sensor values of the last parsed record that were dropped as invalid. */
    public int rejectedValues() {
        return rejectedValues;
    }

    /** Sensor values of the last parsed record that were null. */
    /**
     * After a parse with {@link #rejectedValues()} above 0: one line saying which values were dropped
     * and why (the first one named), for the dead-letter topic; null otherwise.
     */
    public String rejectedValuesReason() {
        if (rejectedValues == 0) {
            return null;
        }
        return (rejectedValues == 1 ? "1 value rejected: " : rejectedValues + " values rejected, the first: ") + firstRejected
                + "; the record's other values were used";
    }

    public int nullValues() {
        return nullValues;
    }

    public SensorReading parse(byte[] payload) throws InvalidReadingException {
        rejectedValues = 0;
        firstRejected = null;
        nullValues = 0;
        if (payload == null || payload.length == 0) {
            throw new InvalidReadingException("empty payload");
        }
        if (payload.length > maxPayloadBytes) {
            throw new InvalidReadingException(
                    "payload too large: " + payload.length + " bytes, limit " + maxPayloadBytes);
        }
        try (JsonParser p = json.createParser(payload)) {
            return parseReading(p);
        } catch (JsonProcessingException e) {
            throw new InvalidReadingException("invalid JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidReadingException("unreadable payload: " + oneLine(e.getMessage()));
        }
    }

    private SensorReading parseReading(JsonParser p) throws IOException, InvalidReadingException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidReadingException("not a JSON object");
        }
        long equipId = 0;
        long timestamp = 0;
        boolean hasEquip = false;
        boolean hasTimestamp = false;
        int count = -1;
        topLevelNames.clear();
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            topLevelNames.addUnique(field);
            JsonToken value = p.nextToken();
            switch (field) {
                case "equip_id" -> {
                    equipId = integer(p, value, "equip_id", "an integer");
                    hasEquip = true;
                }
                case "timestamp" -> {
                    timestamp = integer(p, value, "timestamp", "an integer (epoch milliseconds)");
                    hasTimestamp = true;
                }
                case "data" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw new InvalidReadingException("data must be an object of sensor values, got " + describe(value));
                    }
                    count = parseData(p);
                }
                default -> p.skipChildren(); // fields added by newer producers are fine
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new InvalidReadingException("invalid JSON: unexpected " + describe(token));
        }
        if (p.nextToken() != null) {
            throw new InvalidReadingException("invalid JSON: trailing content after the object");
        }
        if (!hasEquip) {
            throw new InvalidReadingException("missing equip_id");
        }
        if (!hasTimestamp) {
            throw new InvalidReadingException("missing timestamp");
        }
        if (count < 0) {
            throw new InvalidReadingException("missing data");
        }
        if (timestamp < 0) {
            throw new InvalidReadingException("timestamp must not be negative, got " + timestamp);
        }
        long now = clock.millis();
        if (timestamp - now > maxFutureMs) {
            throw new InvalidReadingException("timestamp " + timestamp + " is " + (timestamp - now)
                    + " ms in the future (limit " + maxFutureMs + " ms)");
        }
        return new SensorReading(equipId, timestamp, Arrays.copyOf(ids, count), Arrays.copyOf(vals, count));
    }

    /** Reads the sensor map into {@link #ids}/{@link #vals}; returns how many values were kept. */
    private int parseData(JsonParser p) throws IOException, InvalidReadingException {
        int count = 0;
        sensorNames.clear();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String sensor = p.currentName();
            sensorNames.addUnique(sensor);
            JsonToken token = p.nextToken();
            double value;
            switch (token) {
                case VALUE_NULL -> {
                    nullValues++;
                    continue;
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> value = p.getDoubleValue();
                case VALUE_STRING -> {
                    // the characters in Jackson's buffer: no String per value
                    char[] chars = p.getTextCharacters();
                    int offset = p.getTextOffset();
                    int length = p.getTextLength();
                    if (isNull(chars, offset, length)) {
                        nullValues++;
                        continue;
                    }
                    value = decimal(chars, offset, length);
                }
                default -> {
                    p.skipChildren();
                    value = Double.NaN;
                }
            }
            if (!Double.isFinite(value) || sensor.isEmpty()) {
                if (rejectedValues++ == 0) {
                    firstRejected = describe(sensor, token, p);
                }
                continue;
            }
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
                vals = Arrays.copyOf(vals, count * 2);
            }
            ids[count] = sensor;
            vals[count] = value;
            count++;
        }
        return count;
    }

    /** Only for the first rejected value of a record: off the hot path. */
    private static String describe(String sensor, JsonToken token, JsonParser p) throws IOException {
        if (sensor.isEmpty()) {
            return "an empty sensor id"; // whatever its value: a value needs a sensor
        }
        String name = "sensor \"" + shorten(sensor) + "\"";
        String what = switch (token) {
            case VALUE_STRING -> "\"" + shorten(p.getText()) + "\" is not a plain decimal number";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText() + " is out of range";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean is not a number";
            case START_OBJECT, START_ARRAY -> "an object or array is not a number";
            default -> token + " is not a number";
        };
        return name + ": " + what;
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }

    /** Powers of ten a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * A plain decimal number such as {@code -12.5} or {@code 1e3}; NaN for anything else.
     * {@link Double#parseDouble} alone would also take "NaN", "Infinity", hex floats, "1d" and
     * surrounding blanks.
     *
     * <p>The usual sensor value, a few digits with a decimal point, takes a fast path: its digits
     * as an exact integer below 2^53 divided by an exact power of ten is, IEEE division being
     * correctly rounded, the very double {@code parseDouble} returns, at a fraction of the cost.
     */
    static double decimal(char[] chars, int offset, int length) {
        if (length == 0 || length > 64) {
            return Double.NaN;
        }
        int i = offset;
        int end = offset + length;
        char first = chars[offset];
        boolean negative = first == '-';
        if (negative || first == '+') {
            i++;
        }
        long digits = 0;
        int scale = 0;
        boolean point = false;
        boolean sawDigit = false;
        for (; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9' && digits < (1L << 53) / 10) {
                digits = digits * 10 + (c - '0');
                sawDigit = true;
                if (point) {
                    scale++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return slowDecimal(new String(chars, offset, length));
            }
        }
        if (!sawDigit || scale >= EXACT_POWERS_OF_TEN.length) {
            return slowDecimal(new String(chars, offset, length));
        }
        double value = digits / EXACT_POWERS_OF_TEN[scale];
        return negative ? -value : value;
    }

    private static boolean isNull(char[] chars, int offset, int length) {
        return length == 4 && chars[offset] == 'n' && chars[offset + 1] == 'u' && chars[offset + 2] == 'l' && chars[offset + 3] == 'l';
    }

    private static double slowDecimal(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static long integer(JsonParser p, JsonToken token, String field, String expected)
            throws IOException, InvalidReadingException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            p.skipChildren();
            throw new InvalidReadingException(field + " must be " + expected + ", got " + describe(token));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidReadingException(field + " is out of range: " + p.getText());
        }
        return p.getLongValue();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() != null ? token.asString() : token.name();
        };
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /**
     * The names seen in one JSON object, to refuse a duplicate. Objects here have a handful of
     * names, so a linear scan of an array is the cheap case; past {@value #LINEAR_LIMIT} names a hash
     * set takes over, so a huge object cannot make the check quadratic.
     */
    private static final class FieldNames {
        private static final int LINEAR_LIMIT = 16;
        private final String[] names = new String[LINEAR_LIMIT];
        private int size;
        private java.util.Set<String> many;

        void clear() {
            size = 0;
            many = null;
        }

        void addUnique(String name) throws InvalidReadingException {
            if (many != null) {
                if (!many.add(name)) {
                    throw duplicate(name);
                }
                return;
            }
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    throw duplicate(name);
                }
            }
            if (size < LINEAR_LIMIT) {
                names[size++] = name;
            } else {
                many = new java.util.HashSet<>(Arrays.asList(names));
                many.add(name);
            }
        }

        private static InvalidReadingException duplicate(String name) {
            return new InvalidReadingException("invalid JSON: duplicate field '" + oneLine(name) + "'");
        }
    }
}
