package io.fingerprint.generator;

import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.KafkaLocalTestResource;
import io.fingerprint.kafkalocal.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The shared kafka-local broker plus a fresh topic for this application start (the broker does
 * not auto-create topics), so test classes and profiles never read each other's readings.
 */
public class SensorTopicResource extends KafkaLocalTestResource {

    static final int PARTITIONS = 2;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String topic = "sensor-data-" + UUID.randomUUID().toString().substring(0, 8);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaLocal.shared().bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Topics.create(admin, Duration.ofSeconds(30), Topics.topic(topic, PARTITIONS));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test topic " + topic, e);
        }
        config.put("mp.messaging.outgoing.sensor-data.topic", topic);
        return started(config);
    }
}
