package io.fingerprint.formats.fingerprint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a {@code fingerprint-output} message with Jackson's streaming generator, the original
 * pipeline's field names first:
 * {@code {"fingerprint":{"uuid":…,"equip_id":"110","type":"kiln","start_ms":…,"end_ms":…,
 * "data":{"0001":{"min":…,"max":…,"median":…,"mean":…,"std_dev":…,"count":…}},
 * "inputs":[{"topic":"sensor-data","partition":0,"from_offset":…,"to_offset":…,"records":…}]}}}.
 * {@link FingerprintReader} reads it.
 */
public final class FingerprintWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private FingerprintWriter() {
    }

    public static byte[] write(Fingerprint f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("fingerprint");
            g.writeStringField("uuid", f.uuid);
            g.writeStringField("equip_id", Long.toString(f.equipId));
            g.writeStringField("type", f.type);
            g.writeNumberField("start_ms", f.startMs);
            g.writeNumberField("end_ms", f.endMs);
            g.writeObjectFieldStart("data");
            for (SensorSummary s : f.sensors) {
                g.writeObjectFieldStart(s.sensorId);
                g.writeNumberField("min", s.min);
                g.writeNumberField("max", s.max);
                g.writeNumberField("median", s.median);
                g.writeNumberField("mean", s.mean);
                g.writeNumberField("std_dev", s.stdDev);
                g.writeNumberField("count", s.count);
                g.writeEndObject();
            }
            g.writeEndObject();
            if (f.inputs != null) {
                g.writeArrayFieldStart("inputs");
                for (InputRange r : f.inputs) {
                    g.writeStartObject();
                    g.writeStringField("topic", r.topic);
                    g.writeNumberField("partition", r.partition);
                    g.writeNumberField("from_offset", r.fromOffset);
                    g.writeNumberField("to_offset", r.toOffset);
                    g.writeNumberField("records", r.records);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
        return out.toByteArray();
    }
}
