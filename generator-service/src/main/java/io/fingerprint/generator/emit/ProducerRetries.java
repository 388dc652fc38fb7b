package io.fingerprint.generator.emit;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * Keeps Kafka's own retries in the producer of {@value KafkaReadingSender#CHANNEL} while the connector's
 * are off. The channel's {@code retries=0} (application.properties) stops the connector from wrapping a
 * retry operator around every record's send, which cost more than the send itself (BENCHMARKS.md, issue
 * 17) and added nothing: the producer retries by itself until {@code delivery.timeout.ms}
 * (smallrye-reactive-messaging#1299). The connector hands the same attribute to the producer, so it is
 * taken back out here and the producer keeps Kafka's default.
 */
@ApplicationScoped
public class ProducerRetries implements ClientCustomizer<Map<String, Object>> {

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (KafkaReadingSender.CHANNEL.equals(channel)) {
            config.remove(ProducerConfig.RETRIES_CONFIG);
        }
        return config;
    }
}
