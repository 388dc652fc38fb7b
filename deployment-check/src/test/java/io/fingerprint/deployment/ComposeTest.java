package io.fingerprint.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ComposeTest {

    @Test
    void passesTheComposeSchema() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/schema/compose-spec.json")) {
            // the schema marks its parts with draft-4 "id" annotations (fragments only), which 2019-09 does not know
            JsonNode schema = withoutIdAnnotations(new ObjectMapper().readTree(in));
            var validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schema);
            // the schema describes the JSON form of the file: YAML → the same tree as JSON
            JsonNode asJson = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(Compose.ROOT));
            Set<ValidationMessage> errors = validator.validate(asJson);
            assertThat(errors).as("docker-compose.yml against the Compose schema").isEmpty();
        }
    }

    @Test
    void theSchemaCheckDoesRefuseMistakes() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/schema/compose-spec.json")) {
            JsonNode schema = withoutIdAnnotations(new ObjectMapper().readTree(in));
            var validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schema);
            JsonNode broken = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(Compose.ROOT));
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("services").path("kafka")).put("helthcheck", "x");
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("services").path("saver").path("depends_on")
                    .path("kafka-init")).put("condition", "service_done");
            assertThat(validator.validate(broken)).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void noUnescapedInterpolation() {
        // Compose replaces $VAR and ${VAR} from the host's environment; the scripts' own $ must be $$
        String text = Repo.read(Compose.FILE).replace("$$", "");
        assertThat(text).as("a single $ in docker-compose.yml is Compose interpolation").doesNotContain("$");
    }

    @Test
    void everyImagePinnedNeverLatest() {
        Compose.services().forEach((name, service) -> {
            String image = service.path("image").asText();
            assertThat(image).as(name + " image").matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+");
            assertThat(image).as(name + " image").doesNotEndWith(":latest");
        });
    }

    @Test
    void builtImagesAreNeverPulled() {
        // compose would otherwise first try to pull docker.io/fingerprint/*, which exists nowhere
        Compose.services().forEach((name, service) -> {
            if (service.has("build")) {
                assertThat(service.path("pull_policy").asText()).as(name + " pull_policy").isEqualTo("build");
            } else if (service.path("image").asText().startsWith("fingerprint/")) {
                assertThat(service.path("pull_policy").asText()).as(name + ": an image another service builds").isEqualTo("never");
            }
        });
    }

    @Test
    void tmpfsMountsAreExecutableAsKubernetesEmptyDirsAre() {
        // the same container behaves the same in both: an emptyDir cannot be noexec, so neither is a tmpfs here
        Compose.services().forEach((name, service) -> Compose.list(service.path("tmpfs")).forEach(t ->
                assertThat(t).as(name + " tmpfs (Docker's default is noexec)").matches("[^:]+:(.*,)?exec(,.*)?")));
    }

    @Test
    void longRunningServicesHaveHealthchecksRestartPolicyAndMemoryLimits() {
        long total = 0;
        for (var e : Compose.services().entrySet()) {
            JsonNode service = e.getValue();
            String name = e.getKey();
            assertThat(service.path("restart").asText(null)).as(name + " restart policy").isNotNull();
            String memory = service.path("deploy").path("resources").path("limits").path("memory").asText(null);
            assertThat(memory).as(name + " memory limit").isNotNull();
            long bytes = bytes(memory);
            assertThat(bytes).as(name + " memory limit").isBetween(32L << 20, 2L << 30);
            if (Compose.longRunning(service)) {
                total += bytes;
                assertThat(Compose.list(service.path("healthcheck").path("test"))).as(name + " healthcheck").isNotEmpty();
            }
        }
        assertThat(total).as("memory limits of the long-running services, together: fit for a laptop").isLessThanOrEqualTo(6L << 30);
    }

    @Test
    void kafkaIsSingleNodeKraftWithHostAndNetworkListeners() {
        JsonNode kafka = Compose.service("kafka");
        Map<String, String> env = Compose.env(kafka);
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:4.");
        assertThat(KafkaImage.problems(env)).isEmpty();
        assertThat(env.get("KAFKA_PROCESS_ROLES")).contains("broker").contains("controller");
        assertThat(env.keySet()).noneMatch(k -> k.contains("ZOOKEEPER"));
        Map<String, String> advertised = KafkaImage.listeners(env.get("KAFKA_ADVERTISED_LISTENERS"));
        assertThat(advertised).containsValue("localhost:9092");
        assertThat(Compose.ports(kafka)).containsEntry(9092, 9092);
        assertThat(advertised).containsValue(internalBootstrap());
        assertThat(Compose.list(kafka.path("healthcheck").path("test")).toString()).contains("localhost:9092");
    }

    /** The advertised listener the other containers use: hostname kafka, not the host's localhost. */
    static String internalBootstrap() {
        Map<String, String> env = Compose.env(Compose.service("kafka"));
        String internal = KafkaImage.listeners(env.get("KAFKA_ADVERTISED_LISTENERS"))
                .get(env.get("KAFKA_INTER_BROKER_LISTENER_NAME"));
        assertThat(internal).startsWith("kafka:");
        return internal;
    }

    @Test
    void topicInitCreatesEveryTopicTheCodeUses() {
        JsonNode init = Compose.service("kafka-init");
        assertThat(init.path("restart").asText()).isEqualTo("no");
        assertThat(init.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        String script = String.join("\n", Compose.list(init.path("command")));
        Map<String, Integer> topics = Topics.created(script);
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Set.copyOf(Topics.usedByCode().keySet()));
        assertThat(topics.get("sensor-data")).as("sensor-data partitions = the job's parallelism")
                .isEqualTo(Integer.parseInt(JobSource.parse(jobArgs()).getOrDefault("--parallelism", "" + JobSource.DEFAULT_PARALLELISM)));
        assertThat(script).contains("--if-not-exists").contains("--bootstrap-server " + internalBootstrap());
        assertThat(script).as("the script's shell variables escaped for Compose").contains("$${spec%%:*}");
        assertThat(KafkaImage.brokerProperties(Compose.env(Compose.service("kafka"))))
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void everythingElseWaitsForTheTopics() {
        for (String name : List.of("jobmanager", "generator", "saver")) {
            assertThat(Compose.service(name).path("depends_on").path("kafka-init").path("condition").asText())
                    .as(name).isEqualTo("service_completed_successfully");
        }
    }

    static List<String> jobManagerCommand() {
        return Compose.list(Compose.service("jobmanager").path("command"));
    }

    static List<String> jobArgs() {
        List<String> command = jobManagerCommand();
        return FlinkCli.parseStandaloneJob(command.subList(1, command.size())).jobArgs();
    }

    @Test
    void jobManagerRunsTheJobInApplicationModeWithArgumentsTheJobAccepts() {
        JsonNode jm = Compose.service("jobmanager");
        List<String> command = jobManagerCommand();
        assertThat(command.get(0)).isEqualTo("standalone-job");
        var parsed = FlinkCli.parseStandaloneJob(command.subList(1, command.size()));
        assertThat(parsed.jobClassName()).isEqualTo(JobSource.JOB_CLASS);
        assertThat(Files.exists(Repo.path("flink-job/src/main/java/" + JobSource.JOB_CLASS.replace('.', '/') + ".java"))).isTrue();
        assertThat(parsed.jobId()).matches("[0-9a-f]{32}");
        assertThat(parsed.savepoint()).as("restores are run-job.sh's business").isNull();
        Map<String, String> args = JobSource.parse(parsed.jobArgs());
        assertThat(JobSource.option(args, "--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(internalBootstrap());
        assertThat(JobSource.option(args, "--input-topic", "SENSOR_DATA_TOPIC")).isEqualTo("sensor-data");
        assertThat(JobSource.option(args, "--output-topic", "FINGERPRINT_TOPIC")).isEqualTo("fingerprint-output");
        assertThat(JobSource.option(args, "--dlq-topic", "SENSOR_DATA_DLQ_TOPIC")).isEqualTo("sensor-data-dlq");
        assertThat(jm.path("image").asText()).isEqualTo("fingerprint/flink-job:" + Repo.PROJECT_VERSION);
        assertThat(jm.path("build").path("dockerfile").asText()).isEqualTo("flink-job/Dockerfile");
        assertThat(Compose.ports(jm)).as("Flink Web UI on host port 18081").containsEntry(8081, 18081);
        assertThat(jm.path("restart").asText()).isEqualTo("on-failure");
    }

    @Test
    void flinkConfigurationIsValidAndTheSameForJobManagerAndTaskManager() {
        Map<String, String> jm = FlinkCli.properties(Compose.env(Compose.service("jobmanager")).get("FLINK_PROPERTIES"));
        Map<String, String> tm = FlinkCli.properties(Compose.env(Compose.service("taskmanager")).get("FLINK_PROPERTIES"));
        assertThat(FlinkCli.problems(jm)).isEmpty();
        assertThat(tm).isEqualTo(jm);
        assertThat(jm).containsEntry("jobmanager.rpc.address", "jobmanager").containsEntry("taskmanager.numberOfTaskSlots", "4");
        assertThat(Compose.env(Compose.service("taskmanager"))).containsEntry("TASK_MANAGER_NUMBER_OF_TASK_SLOTS", "4");
        assertThat(Compose.service("jobmanager").path("hostname").asText()).isEqualTo("jobmanager");
        // checkpoints and savepoints in the named volume both Flink containers mount
        for (String service : List.of("jobmanager", "taskmanager")) {
            Map<String, String> volumes = Compose.volumes(Compose.service(service));
            assertThat(volumes).as(service).containsEntry("/flink", "flink-data");
        }
        assertThat(Compose.ROOT.path("volumes").has("flink-data")).isTrue();
        assertThat(jm.get("execution.checkpointing.dir")).isEqualTo("file://" + RunJobScriptTest.defaultDir("CHECKPOINT_DIR"));
        assertThat(jm.get("execution.checkpointing.savepoint-dir")).isEqualTo("file://" + RunJobScriptTest.defaultDir("SAVEPOINT_DIR"));
        assertThat(jm.get("execution.checkpointing.externalized-checkpoint-retention")).isEqualTo("RETAIN_ON_CANCELLATION");
        // the TaskManager's healthcheck probes the RPC port the configuration fixes
        assertThat(Compose.list(Compose.service("taskmanager").path("healthcheck").path("test")).toString())
                .contains("/dev/tcp/127.0.0.1/" + jm.get("taskmanager.rpc.port"));
        JsonNode tmService = Compose.service("taskmanager");
        assertThat(tmService.path("image").asText()).isEqualTo(Compose.service("jobmanager").path("image").asText());
        assertThat(tmService.path("pull_policy").asText()).isEqualTo("never");
    }

    @Test
    void quarkusServicesGetOnlyVariablesTheyReadAndTheirPortsAndHealth() {
        for (QuarkusService q : List.of(QuarkusService.GENERATOR, QuarkusService.SAVER)) {
            JsonNode service = Compose.service(q.composeService());
            Map<String, String> env = Compose.env(service);
            List<String> unread = new ArrayList<>(env.keySet());
            unread.removeIf(q::reads);
            assertThat(unread).as(q.module() + ": variables it does not read").isEmpty();
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(internalBootstrap());
            env.forEach((k, v) -> {
                if (k.endsWith("_TOPIC")) {
                    assertThat(Topics.usedByCode()).as(q.module() + " " + k).containsKey(v);
                    assertThat(v).as(q.module() + " " + k + ": the code's default").isEqualTo(q.defaultOf(k));
                }
            });
            assertThat(Compose.ports(service)).as(q.module()).containsEntry(q.httpPort(), q.httpPort());
            String health = Compose.list(service.path("healthcheck").path("test")).toString();
            assertThat(health).contains("/dev/tcp/127.0.0.1/" + q.httpPort()).contains("/q/health/ready");
            assertThat(service.path("image").asText()).isEqualTo("fingerprint/" + q.module() + ":" + Repo.PROJECT_VERSION);
            assertThat(service.path("build").path("context").asText()).isEqualTo(".");
            assertThat(service.path("build").path("dockerfile").asText()).isEqualTo(q.module() + "/Dockerfile");
            assertThat(service.has("user")).as(q.module() + " runs as its image's non-root user").isFalse();
        }
        assertThat(QuarkusService.GENERATOR.httpPort()).isEqualTo(8080);
        assertThat(QuarkusService.SAVER.httpPort()).isEqualTo(8090);
    }

    @Test
    void saverWritesIntoTheOutputBindMount() {
        JsonNode saver = Compose.service("saver");
        String dir = Compose.env(saver).get("SAVER_OUTPUT_DIR");
        assertThat(QuarkusService.SAVER.reads("SAVER_OUTPUT_DIR")).isTrue();
        assertThat(Compose.volumes(saver)).containsEntry(dir, "./output");
        JsonNode init = Compose.service("output-init");
        assertThat(Compose.volumes(init)).containsEntry(dir, "./output");
        assertThat(String.join(" ", Compose.list(init.path("entrypoint")))).contains(dir);
        assertThat(saver.path("depends_on").path("output-init").path("condition").asText()).isEqualTo("service_completed_successfully");
    }

    static JsonNode withoutIdAnnotations(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            JsonNode id = object.get("id");
            if (id != null && id.isTextual() && (id.asText().startsWith("#") || id.asText().endsWith(".json"))) {
                object.remove("id");
            }
            object.forEach(ComposeTest::withoutIdAnnotations);
        } else if (node.isArray()) {
            node.forEach(ComposeTest::withoutIdAnnotations);
        }
        return node;
    }

    @Test
    void heapsFitTheirMemoryLimits() {
        for (QuarkusService q : List.of(QuarkusService.GENERATOR, QuarkusService.SAVER)) {
            JsonNode service = Compose.service(q.composeService());
            String limit = service.path("deploy").path("resources").path("limits").path("memory").asText();
            assertThat(maxHeap(Compose.list(service.path("command")))).as(q.module() + " -Xmx below its limit")
                    .isLessThanOrEqualTo(bytes(limit) * 3 / 4);
        }
        Map<String, String> flink = FlinkCli.properties(Compose.env(Compose.service("jobmanager")).get("FLINK_PROPERTIES"));
        assertThat(bytes(flink.get("jobmanager.memory.process.size"))).isLessThan(
                bytes(Compose.service("jobmanager").path("deploy").path("resources").path("limits").path("memory").asText()));
        assertThat(bytes(flink.get("taskmanager.memory.process.size"))).isLessThan(
                bytes(Compose.service("taskmanager").path("deploy").path("resources").path("limits").path("memory").asText()));
        assertThat(Compose.list(Compose.service("kafka").path("healthcheck").path("test")).toString())
                .as("the healthcheck's JVM inside the broker's limit").contains("KAFKA_HEAP_OPTS=-Xmx64m");
    }

    static List<String> list(QuarkusService q) {
        return Compose.list(Compose.service(q.composeService()).path("command"));
    }

    static long maxHeap(List<String> args) {
        return args.stream().filter(a -> a.startsWith("-Xmx")).map(a -> bytes(a.substring(4))).findFirst()
                .orElseThrow(() -> new AssertionError("no -Xmx in " + args));
    }

    static long bytes(String size) {
        var m = Pattern.compile("(\\d+)([kmg]?)i?b?", Pattern.CASE_INSENSITIVE).matcher(size.trim());
        assertThat(m.matches()).as("size " + size).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }
}
