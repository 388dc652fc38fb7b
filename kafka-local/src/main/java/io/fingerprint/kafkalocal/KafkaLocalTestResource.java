package io.fingerprint.kafkalocal;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real broker of this test JVM ({@link KafkaLocal#shared()}):
 * {@code @QuarkusTestResource(KafkaLocalTestResource.class)}. Quarkus Dev Services stay off.
 */
public class KafkaLocalTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = KafkaLocal.shared().bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void stop() {
        // The shared broker lives until the test JVM exits: later test classes reuse it.
    }
}
