package io.fingerprint.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.generator.SensorTopicResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.util.HashMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The channel turns the connector's retries off; its producer must still retry as Kafka does by default. */
@QuarkusTest
@QuarkusTestResource(SensorTopicResource.class)
class ProducerRetriesTest {

    @Inject
    KafkaClientService kafkaClients;

    @Test
    void theProducerKeepsKafkasOwnRetries() {
        ProducerConfig effective = new ProducerConfig(new HashMap<>(kafkaClients.getProducer(KafkaReadingSender.CHANNEL).configuration()));
        assertThat(effective.getInt(ProducerConfig.RETRIES_CONFIG)).isEqualTo(Integer.MAX_VALUE);
        assertThat(effective.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo(30_000);
    }
}
