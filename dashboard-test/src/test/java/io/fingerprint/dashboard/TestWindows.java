package io.fingerprint.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes what the Flink job would have read and written for one equipment window: its readings to
 * {@code sensor-data} (one a second, the pipeline's input format) and then the fingerprint computed
 * from them to {@code fingerprint-output} (FingerprintJson's format), so the saver joins and saves it.
 */
final class TestWindows {

    static final String[] SENSORS = {"0001", "0002", "0003"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;
    private final Random random = new Random(42);

    TestWindows(KafkaProducer<String, String> producer) {
        this.producer = producer;
    }

    /**
     * The window's readings, then its fingerprint naming them as the Flink job does ({@code inputs});
     * returns the fingerprint's uuid once both are acknowledged.
     */
    String write(long equipId, long startMs, long endMs) throws ExecutionException, InterruptedException {
        String key = Long.toString(equipId);
        List<List<Double>> values = new ArrayList<>();
        for (int s = 0; s < SENSORS.length; s++) {
            values.add(new ArrayList<>());
        }
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        for (long t = startMs; t < endMs; t += 1000) {
            ObjectNode reading = JSON.createObjectNode().put("equip_id", equipId).put("timestamp", t);
            ObjectNode data = reading.putObject("data");
            for (int s = 0; s < SENSORS.length; s++) {
                // a slow wave per sensor and equipment, plus noise: the charts have something to show
                double level = 50 + 10 * s + 15 * Math.sin((t / 60_000.0) / 2 + equipId + s);
                // now and then a spike upwards: the mean leaves the median
                double spike = random.nextDouble() < 0.08 ? 15 + 20 * random.nextDouble() : 0;
                double v = Math.round((level + random.nextGaussian() * (3 + s) + spike) * 1000) / 1000.0;
                data.put(SENSORS[s], Double.toString(v));
                values.get(s).add(v);
            }
            sent.add(producer.send(new ProducerRecord<>("sensor-data", null, t, key, reading.toString())));
        }
        producer.flush();
        long first = Long.MAX_VALUE;
        long last = -1;
        int partition = 0;
        for (var send : sent) {
            var at = send.get();
            first = Math.min(first, at.offset());
            last = Math.max(last, at.offset());
            partition = at.partition(); // sensor-data has one partition here
        }

        String uuid = UUID.nameUUIDFromBytes((equipId + "/" + startMs + "/" + endMs).getBytes(StandardCharsets.UTF_8)).toString();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode f = root.putObject("fingerprint");
        f.put("uuid", uuid).put("equip_id", key).put("type", equipId % 2 == 0 ? "mill" : "kiln")
                .put("start_ms", startMs).put("end_ms", endMs);
        ObjectNode data = f.putObject("data");
        for (int s = 0; s < SENSORS.length; s++) {
            double[] v = values.get(s).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double mean = Arrays.stream(v).average().orElseThrow();
            double variance = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            data.putObject(SENSORS[s]).put("min", v[0]).put("max", v[v.length - 1]).put("median", median)
                    .put("mean", mean).put("std_dev", Math.sqrt(variance)).put("count", v.length);
        }
        f.putArray("inputs").addObject().put("topic", "sensor-data").put("partition", partition)
                .put("from_offset", first).put("to_offset", last).put("records", sent.size());
        producer.send(new ProducerRecord<>("fingerprint-output", null, endMs, key, root.toString())).get();
        return uuid;
    }
}
