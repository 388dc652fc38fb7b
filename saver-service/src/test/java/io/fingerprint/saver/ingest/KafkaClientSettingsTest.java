package io.fingerprint.saver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.saver.SaverTopicsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The saver's own Kafka clients get the same kafka.* settings (security included) as its channel. */
@QuarkusTest
@QuarkusTestResource(SaverTopicsResource.class)
class KafkaClientSettingsTest {

    @Inject
    KafkaClientSettings settings;

    @Test
    void commonSettingsReachTheSaversOwnClientsAndUnsetOnesStayOut() {
        Map<String, Object> client = settings.with(Map.of("client.id", "reader"));
        assertThat(client).containsKey("bootstrap.servers")
                .containsEntry("security.protocol", "PLAINTEXT")
                .containsEntry("client.id", "reader")
                .containsEntry("sasl.mechanism", "GSSAPI")
                .doesNotContainKey("sasl.jaas.config");
    }
}
