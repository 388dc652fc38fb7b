package io.fingerprint.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The input of every measurement, preloaded once: readings in the product's format, several
 * equipments, five sensors, 5 % nulls, each equipment a reading every 10 ms of event time, stamps
 * up to 2 s out of order. Also the reference: the count of every (equipment, window, sensor) and
 * every value of a few sampled windows.
 */
final class BenchData {
    static final long WINDOW_MS = 60_000;
    static final String[] SENSORS = {"0001", "0002", "0003", "0004", "0005"};

    final String topic;
    final long readings;
    /** "equip:windowStart:sensor" → number of values. */
    final Map<String, Long> counts = new HashMap<>();
    /** "equip:windowStart:sensor" → every value, for the sampled windows. */
    final Map<String, List<Double>> sampled = new HashMap<>();
    /** "equip:windowStart" → number of readings, nulls included: a saved file's input_count. */
    final Map<String, Long> readingsPerWindow = new HashMap<>();
    long payloadBytes;

    private BenchData(String topic, long readings) {
        this.topic = topic;
        this.readings = readings;
    }

    static BenchData load(String bootstrap, String topic, BenchOptions o) throws Exception {
        Artifacts.createTopics(bootstrap, Map.of(topic, o.partitions));
        BenchData data = new BenchData(topic, o.readings);
        long ticks = (o.readings + o.equipments - 1) / o.equipments;
        long t0 = (System.currentTimeMillis() - ticks * 10 - 120_000) / WINDOW_MS * WINDOW_MS;
        Random random = new Random(1);
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            StringBuilder json = new StringBuilder(160);
            for (long i = 0; i < o.readings; i++) {
                long equip = 1000 + i % o.equipments;
                long timestamp = t0 + (i / o.equipments) * 10 - random.nextInt(2_000);
                long window = Math.floorDiv(timestamp, WINDOW_MS) * WINDOW_MS;
                boolean sample = equip == 1000 && (window / WINDOW_MS) % 5 == 1;
                data.readingsPerWindow.merge(equip + ":" + window, 1L, Long::sum);
                json.setLength(0);
                json.append("{\"equip_id\":").append(equip).append(",\"timestamp\":").append(timestamp).append(",\"data\":{");
                for (int s = 0; s < SENSORS.length; s++) {
                    json.append(s == 0 ? "\"" : ",\"").append(SENSORS[s]).append("\":\"");
                    if (random.nextInt(20) == 0) {
                        json.append("null\"");
                        continue;
                    }
                    String value = String.format(Locale.ROOT, "%.3f", random.nextDouble() * 100);
                    json.append(value).append('"');
                    String key = equip + ":" + window + ":" + SENSORS[s];
                    data.counts.merge(key, 1L, Long::sum);
                    if (sample) {
                        data.sampled.computeIfAbsent(key, k -> new ArrayList<>()).add(Double.parseDouble(value));
                    }
                }
                byte[] payload = json.append("}}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                data.payloadBytes += payload.length;
                producer.send(new ProducerRecord<>(topic, null, timestamp, Long.toString(equip), payload));
            }
            producer.flush();
        }
        return data;
    }

    /**
     * One equipment, one window, sensor 0001 only: values 1e9 plus up to 1e-3, where a one-pass
     * variance loses every digit. All values are kept as the reference.
     */
    static BenchData loadLargeMagnitudes(String bootstrap, String topic, int readings) throws Exception {
        Artifacts.createTopics(bootstrap, Map.of(topic, 1));
        BenchData data = new BenchData(topic, readings);
        long window = (System.currentTimeMillis() - 10 * WINDOW_MS) / WINDOW_MS * WINDOW_MS;
        Random random = new Random(2);
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < readings; i++) {
                long timestamp = window + (long) i * (WINDOW_MS - 1) / readings;
                double value = 1e9 + random.nextDouble() * 1e-3;
                String json = "{\"equip_id\":1,\"timestamp\":" + timestamp + ",\"data\":{\"0001\":\"" + value + "\"}}";
                String key = "1:" + window + ":0001";
                data.counts.merge(key, 1L, Long::sum);
                data.sampled.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                producer.send(new ProducerRecord<>(topic, null, timestamp, "1", json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        return data;
    }

    /** (equipment, window) pairs with at least one value: the fingerprints a correct job emits. */
    long expectedFingerprints() {
        return counts.keySet().stream().map(k -> k.substring(0, k.lastIndexOf(':'))).distinct().count();
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        p.put("compression.type", "lz4");
        return new KafkaProducer<>(p);
    }
}
