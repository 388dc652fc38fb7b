package io.fingerprint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fingerprint.kafkalocal.TopicReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * When each fingerprint became visible to a {@code read_committed} consumer of the fingerprint topic
 * (its checkpoint committed the job's transaction): the start of the saver's own share of the latency,
 * which ends when its file is on disk. A thread polls from the topic's start until closed.
 */
final class VisibleFingerprints implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> visibleAt = new ConcurrentHashMap<>();
    private final TopicReader reader;
    private final Thread poller;
    private volatile boolean running = true;

    private VisibleFingerprints(String bootstrap, String topic) {
        // The broker holds an empty fetch up to fetch.max.wait.ms (500 ms): arrivals are timed to 10 ms.
        reader = new TopicReader(bootstrap, topic, Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
        poller = new Thread(this::poll, "bench-visible-fingerprints");
        poller.setDaemon(true);
    }

    static VisibleFingerprints watch(String bootstrap, String topic) {
        VisibleFingerprints v = new VisibleFingerprints(bootstrap, topic);
        v.poller.start();
        return v;
    }

    private void poll() {
        while (running) {
            // returns with the first poll that brings records: each is timed when that poll returned
            for (ConsumerRecord<String, String> r : reader.read(1, Duration.ofMillis(50))) {
                long now = System.currentTimeMillis();
                try {
                    JsonNode f = JSON.readTree(r.value()).get("fingerprint");
                    visibleAt.putIfAbsent(f.get("uuid").asText(), now);
                } catch (Exception e) {
                    // not a fingerprint: not timed
                }
            }
        }
    }

    /** Epoch millis the fingerprint was first read, or null if it never was. */
    Long visibleAt(String uuid) {
        return visibleAt.get(uuid);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
        reader.close();
    }
}
