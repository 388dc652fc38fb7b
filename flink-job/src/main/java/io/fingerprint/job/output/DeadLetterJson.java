package io.fingerprint.job.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON of the job's dead-letter topic, written with Jackson's streaming generator. (The
 * fingerprint's is the formats module's {@code FingerprintWriter}.)
 */
public final class DeadLetterJson {

    private static final JsonFactory JSON = new JsonFactory();

    private DeadLetterJson() {
    }

    /** {@code {"reason":…,"source_topic":…,"partition":…,"offset":…,"timestamp":…,"payload":…}} */
    public static byte[] deadLetter(DeadLetter d) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("reason", d.reason);
            g.writeStringField("source_topic", d.sourceTopic);
            g.writeNumberField("partition", d.partition);
            g.writeNumberField("offset", d.offset);
            g.writeNumberField("timestamp", d.timestamp);
            g.writeStringField("payload", d.payload);
            g.writeEndObject();
        });
    }

    /** A reading in the input format, for readings that reach the dead-letter topic as late. */
    public static String reading(long equipId, long timestamp, String[] sensorIds, double[] values) {
        return new String(write(g -> {
            g.writeStartObject();
            g.writeNumberField("equip_id", equipId);
            g.writeNumberField("timestamp", timestamp);
            g.writeObjectFieldStart("data");
            for (int i = 0; i < sensorIds.length; i++) {
                g.writeStringField(sensorIds[i], Double.toString(values[i]));
            }
            g.writeEndObject();
            g.writeEndObject();
        }), java.nio.charset.StandardCharsets.UTF_8);
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
        return out.toByteArray();
    }
}
