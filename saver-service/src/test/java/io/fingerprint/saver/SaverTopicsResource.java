package io.fingerprint.saver;

import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.KafkaLocalTestResource;
import io.fingerprint.kafkalocal.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The shared kafka-local broker plus fresh topics, consumer group and output folder for this
 * application start (the broker does not auto-create topics), so test runs never see each
 * other's records or files. The DLQ topic is left for the service to create.
 */
public class SaverTopicsResource extends KafkaLocalTestResource {

    public static final int SENSOR_PARTITIONS = 2;
    public static final int FINGERPRINT_PARTITIONS = 2;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sensor = "sensor-data-" + run;
        String fingerprints = "fingerprint-output-" + run;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaLocal.shared().bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Topics.create(admin, Duration.ofSeconds(30), Topics.topic(sensor, SENSOR_PARTITIONS),
                    Topics.topic(fingerprints, FINGERPRINT_PARTITIONS));
            config.put("saver.output-dir", Files.createTempDirectory("saver-output-").toString());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot prepare the test topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        config.put("saver.sensor-topic", sensor);
        config.put("saver.fingerprint-topic", fingerprints);
        config.put("saver.dlq-topic", "fingerprint-output-dlq-" + run);
        config.put("mp.messaging.incoming.fingerprints.group.id", "saver-" + run);
        return started(config);
    }
}
