package io.fingerprint.formats.fingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/** One equipment's statistics over one window [startMs, endMs), and the readings they come from. A Flink POJO. */
public class Fingerprint {
    public String uuid;
    public long equipId;
    public String type;
    public long startMs;
    public long endMs;
    /** Ordered by sensor id. */
    public SensorSummary[] sensors;
    /** The readings it was computed from, per partition of the input topic, ordered by topic and partition. */
    public InputRange[] inputs;

    public Fingerprint() {
    }

    public static Fingerprint of(long equipId, String type, long startMs, long endMs, SensorSummary[] sensors,
                                 InputRange[] inputs) {
        Fingerprint f = new Fingerprint();
        f.uuid = uuidOf(equipId, startMs, endMs).toString();
        f.equipId = equipId;
        f.type = type;
        f.startMs = startMs;
        f.endMs = endMs;
        f.sensors = sensors;
        f.inputs = inputs;
        return f;
    }

    /**
     * A name-based UUID of (equip_id, start_ms, end_ms): a replay after a failure gives the same
     * window the same id, so downstream can recognise it.
     */
    public static UUID uuidOf(long equipId, long startMs, long endMs) {
        return UUID.nameUUIDFromBytes(("fingerprint:" + equipId + ":" + startMs + ":" + endMs).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Objects.equals(uuid, f.uuid) && equipId == f.equipId
                && Objects.equals(type, f.type) && startMs == f.startMs && endMs == f.endMs
                && Arrays.equals(sensors, f.sensors) && Arrays.equals(inputs, f.inputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uuid, equipId, startMs, endMs);
    }

    @Override
    public String toString() {
        return "Fingerprint{" + equipId + " [" + startMs + ", " + endMs + ") " + type + " " + Arrays.toString(sensors)
                + " from " + Arrays.toString(inputs) + "}";
    }
}
