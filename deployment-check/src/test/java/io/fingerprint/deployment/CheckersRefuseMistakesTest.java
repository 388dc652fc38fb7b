package io.fingerprint.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checkers themselves: each one says no to a mistake of the kind it is there for. */
class CheckersRefuseMistakesTest {

    @Test
    void kafkaRefusesAMisspelledOrMistypedSetting() {
        Map<String, String> env = new LinkedHashMap<>(Compose.env(Compose.service("kafka")));
        assertThat(KafkaImage.problems(env)).isEmpty();
        env.put("KAFKA_OFFSET_TOPIC_REPLICATION_FACTOR", "1");
        assertThat(KafkaImage.problems(env)).anyMatch(p -> p.contains("offset.topic.replication.factor"));
        env.remove("KAFKA_OFFSET_TOPIC_REPLICATION_FACTOR");
        env.put("KAFKA_NODE_ID", "one");
        assertThat(KafkaImage.problems(env)).anyMatch(p -> p.contains("node.id"));
        assertThat(KafkaImage.property("KAFKA_LISTENER_NAME_INTERNAL_SSL__KEY___X")).isEqualTo("listener.name.internal.ssl_key-x");
    }

    @Test
    void flinkRefusesUnknownKeysAndBadValues() {
        assertThat(FlinkCli.knownOptions()).containsKeys("execution.checkpointing.dir", "taskmanager.numberOfTaskSlots",
                "jobmanager.memory.process.size", "state.backend.type", "restart-strategy.type");
        assertThat(FlinkCli.problems(Map.of("state.checkpoints.dirr", "file:///x"))).hasSize(1);
        assertThat(FlinkCli.problems(Map.of("taskmanager.numberOfTaskSlots", "four"))).hasSize(1);
        assertThat(FlinkCli.problems(Map.of("execution.checkpointing.externalized-checkpoint-retention", "KEEP"))).hasSize(1);
        assertThat(FlinkCli.problems(Map.of("taskmanager.memory.process.size", "lots"))).hasSize(1);
    }

    @Test
    void theJobRefusesAnOptionItDoesNotHave() {
        assertThat(JobSource.OPTIONS).containsKeys("--bootstrap-servers", "--input-topic", "--parallelism", "--bounded");
        assertThat(JobSource.ENV_DEFAULTS).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "SENSOR_DATA_TOPIC", "FINGERPRINT_TOPIC",
                "SENSOR_DATA_DLQ_TOPIC");
        assertThatThrownBy(() -> JobSource.parse(List.of("--input", "x"))).hasMessageContaining("--input");
        assertThatThrownBy(() -> JobSource.parse(List.of("--parallelism"))).hasMessageContaining("needs a value");
        // Flink's parser stops at the first argument it does not know: a Flink option after a job option is a job option
        var parsed = FlinkCli.parseStandaloneJob(List.of("--job-classname", JobSource.JOB_CLASS, "--parallelism", "2",
                "--fromSavepoint", "/x"));
        assertThat(parsed.savepoint()).isNull();
        assertThatThrownBy(() -> JobSource.parse(parsed.jobArgs())).hasMessageContaining("--fromSavepoint");
    }

    @Test
    void quarkusServicesReadWhatTheirPropertiesSay() {
        assertThat(QuarkusService.GENERATOR.reads("KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(QuarkusService.GENERATOR.reads("GENERATOR_READINGS_PER_SECOND")).isTrue();
        assertThat(QuarkusService.GENERATOR.reads("GENERATOR_RATE")).isFalse();
        assertThat(QuarkusService.SAVER.reads("SAVER_OUTPUT_DIR")).isTrue();
        assertThat(QuarkusService.SAVER.reads("SAVER_OUTPUT")).isFalse();
        // Kafka client settings pass through as KAFKA_* variables (TLS trust store, ...); a misspelt one does not
        assertThat(QuarkusService.SAVER.reads("KAFKA_SSL_TRUSTSTORE_LOCATION")).isTrue();
        assertThat(QuarkusService.GENERATOR.reads("KAFKA_SSL_TRUSTSTORE_PASSWORD")).isTrue();
        assertThat(QuarkusService.GENERATOR.reads("KAFKA_SSL_TRUSTSTORE_LOCASHUN")).isFalse();
        assertThat(QuarkusService.GENERATOR.reads("KAFKA_HEAP_OPTS")).isFalse();
        assertThat(QuarkusService.envName("mp.messaging.outgoing.sensor-data.topic")).isEqualTo("MP_MESSAGING_OUTGOING_SENSOR_DATA_TOPIC");
    }

    @Test
    void kubernetesModelKeepsUnknownFieldsWhichTheWalkFinds() throws Exception {
        Deployment good = Kube.named(Deployment.class, "generator");
        JsonNode tree = Repo.yamlDocuments(Repo.path("k8s/30-generator.yaml")).stream()
                .filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("spec").path("template").path("spec")
                .path("containers").get(0)).put("livenessProbes", "x");
        Deployment bad = new com.fasterxml.jackson.databind.ObjectMapper().treeToValue(tree, Deployment.class);
        List<String> unknown = new ArrayList<>();
        Kube.unknownFields(bad, "Deployment", unknown, new IdentityHashMap<>());
        assertThat(unknown).singleElement().asString().contains("livenessProbes");
        List<String> none = new ArrayList<>();
        Kube.unknownFields(good, "Deployment", none, new IdentityHashMap<>());
        assertThat(none).isEmpty();
    }
}
