package io.fingerprint.saver;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Hand-made payloads in the producers' formats. */
public final class Json {

    private Json() {
    }

    /** A reading as the generator writes it; values are written verbatim (e.g. "\"45.2\"", "\"null\"", "null"). */
    public static String reading(long equipId, long timestamp, Map<String, String> data) {
        return "{\"equip_id\":" + equipId + ",\"timestamp\":" + timestamp + ",\"data\":{"
                + data.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(","))
                + "}}";
    }

    public static String reading(long equipId, long timestamp) {
        return reading(equipId, timestamp, Map.of("0001", "\"" + (timestamp % 1000) / 10.0 + "\""));
    }

    /** The inner fingerprint object as the Flink job writes it. */
    public static String fingerprintObject(String uuid, long equipId, long startMs, long endMs) {
        return "{\"uuid\":\"" + uuid + "\",\"equip_id\":\"" + equipId + "\",\"type\":\"kiln\",\"start_ms\":" + startMs
                + ",\"end_ms\":" + endMs + ",\"data\":{\"0001\":{\"min\":1.0,\"max\":2.0,\"median\":1.5,\"mean\":1.5,"
                + "\"std_dev\":0.5,\"count\":2},\"0002\":{\"min\":3.0,\"max\":3.0,\"median\":3.0,\"mean\":3.0,"
                + "\"std_dev\":0.0,\"count\":1}}}";
    }

    /** The same with the job's {@code inputs}, each {@code {topic, partition, from, to, records}} as {@link #range}. */
    public static String fingerprintObject(String uuid, long equipId, long startMs, long endMs, String... ranges) {
        String plain = fingerprintObject(uuid, equipId, startMs, endMs);
        return plain.substring(0, plain.length() - 1) + ",\"inputs\":[" + String.join(",", ranges) + "]}";
    }

    public static String range(String topic, int partition, long fromOffset, long toOffset, long records) {
        return "{\"topic\":\"" + topic + "\",\"partition\":" + partition + ",\"from_offset\":" + fromOffset
                + ",\"to_offset\":" + toOffset + ",\"records\":" + records + "}";
    }

    public static String message(String fingerprintObject) {
        return "{\"fingerprint\":" + fingerprintObject + "}";
    }

    public static String uuid(long equipId, long startMs, long endMs) {
        return UUID.nameUUIDFromBytes(("fingerprint:" + equipId + ":" + startMs + ":" + endMs).getBytes()).toString();
    }
}
