package io.fingerprint.job.watermark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The probe against the real broker: caught up only at the partition's end, never when unreachable. */
class KafkaCaughtUpProbeIT {

    private final KafkaLocal kafka = KafkaLocal.shared();

    @Test
    void caughtUpAtTheEndOfThePartitionOnly() throws Exception {
        String topic = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Topics.create(admin, Duration.ofSeconds(30), Topics.topic(topic, 1));
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "r" + i));
            }
        }
        Properties consumer = new Properties();
        consumer.put("bootstrap.servers", kafka.bootstrapServers());
        consumer.put("isolation.level", "read_committed");
        consumer.put("group.id", "not-an-admin-setting");
        KafkaCaughtUpProbe.Factory probes = KafkaCaughtUpProbe.factory(consumer);
        try (AutoCloseable poller = probes.open()) {
            CaughtUpProbe probe = probes.create();
            long asked = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> probe.caughtUp(topic, 0, 3) != null);
            CaughtUpProbe.Confirmed confirmed = probe.caughtUp(topic, 0, 3);
            assertThat(confirmed.since()).isGreaterThanOrEqualTo(asked - 1_000).isLessThanOrEqualTo(confirmed.until());
            assertThat(confirmed.until()).isLessThanOrEqualTo(System.currentTimeMillis());
            await().atMost(Duration.ofSeconds(5)).until(() -> probe.caughtUp(topic, 0, 3).until() > confirmed.until());
            assertThat(probe.caughtUp(topic, 0, 3).since()).as("the same run of answers").isEqualTo(confirmed.since());
            assertThat(probe.caughtUp(topic, 0, 2)).as("one record not read yet").isNull();
        }
    }

    @Test
    void neverCaughtUpWhenTheBrokerIsUnreachable() throws Exception {
        Properties consumer = new Properties();
        consumer.put("bootstrap.servers", "localhost:1");
        KafkaCaughtUpProbe.Factory probes = KafkaCaughtUpProbe.factory(consumer);
        try (AutoCloseable poller = probes.open()) {
            CaughtUpProbe probe = probes.create();
            // a quiet-span assertion: for 4 s of retries the probe never claims the partition is read to its end
            long until = System.currentTimeMillis() + 4_000;
            while (System.currentTimeMillis() < until) {
                assertThat(probe.caughtUp("sensor-data", 0, 0)).isNull();
                Thread.sleep(200);
            }
        }
    }
}
