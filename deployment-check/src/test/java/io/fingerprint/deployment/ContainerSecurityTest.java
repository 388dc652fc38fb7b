package io.fingerprint.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every container, in compose and in Kubernetes, runs as a non-root user and with a read-only root
 * file system, but for the exceptions listed here with their reasons (and a listed exception that
 * nothing needs any more fails too). What a read-only part writes is mounted writable, the same
 * paths in both.
 */
class ContainerSecurityTest {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String FLINK_IMAGE = "fingerprint/flink-job:" + Repo.PROJECT_VERSION;
    static final String GENERATOR_IMAGE = "fingerprint/generator-service:" + Repo.PROJECT_VERSION;
    static final String SAVER_IMAGE = "fingerprint/saver-service:" + Repo.PROJECT_VERSION;

    /** Images whose root file system stays writable, and why. Every other container runs read-only. */
    static final Map<String, String> WRITABLE_ROOT = Map.of(
            KAFKA_IMAGE, "not ours: its start script writes the broker's configuration into /opt/kafka/config, "
                    + "and its scripts create /opt/kafka/logs");

    /** Compose services that run as root, and why. */
    static final Map<String, String> ROOT_SERVICES = Map.of(
            "output-init", "one-shot chmod of ./output, which Docker creates as root, so that the saver (uid 1001) can write to it");

    /** Third-party images compose runs with their own USER: the non-root uid they have (Kubernetes sets the same). */
    static final Map<String, Long> IMAGE_USERS = Map.of(KAFKA_IMAGE, 1000L);

    /** What each of our images writes while it runs: mounted writable wherever it runs. */
    static Map<String, Set<String>> writablePaths() {
        Map<String, String> flink = FlinkCli.properties(Compose.env(Compose.service("jobmanager")).get("FLINK_PROPERTIES"));
        String stateRoot = "/" + flink.get("execution.checkpointing.dir").replaceFirst("^file:///", "").split("/")[0];
        return Map.of(
                // /tmp: the configuration run-job.sh copies (the image's conf/ links there), blobs, pid files, RocksDB's working files
                FLINK_IMAGE, Set.of("/tmp", "/opt/flink/log", stateRoot),
                // /tmp: Vert.x's file cache
                GENERATOR_IMAGE, Set.of("/tmp"),
                SAVER_IMAGE, Set.of("/tmp", Compose.env(Compose.service("saver")).get("SAVER_OUTPUT_DIR")));
    }

    @Test
    void everyKubernetesContainerIsNonRootAndReadOnlyButTheListedImages() {
        assertThat(kubernetesProblems(KubernetesTest.workloads())).isEmpty();
    }

    @Test
    void everyComposeServiceIsNonRootAndReadOnlyButTheListedOnes() {
        assertThat(composeProblems(Compose.services())).isEmpty();
    }

    @Test
    void theChecksRefuseAWritableRootAMissingMountRootAndAStaleException() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, JsonNode> services = new java.util.LinkedHashMap<>();
        Compose.services().forEach((name, service) -> services.put(name, service.deepCopy()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) services.get("generator")).remove("read_only");
        ((com.fasterxml.jackson.databind.node.ObjectNode) services.get("saver")).remove("tmpfs");
        ((com.fasterxml.jackson.databind.node.ObjectNode) services.get("jobmanager")).put("user", "0:0");
        services.remove("output-init");
        assertThat(composeProblems(services))
                .anyMatch(p -> p.startsWith("generator: read_only"))
                .anyMatch(p -> p.startsWith("saver: writable") && p.contains("/tmp"))
                .anyMatch(p -> p.startsWith("jobmanager: runs as root"))
                .anyMatch(p -> p.contains("output-init") && p.contains("no longer"))
                .hasSize(4);

        List<HasMetadata> workloads = new ArrayList<>(); // a fresh copy of the manifests to break
        for (var file : Repo.k8sFiles()) {
            for (JsonNode doc : Repo.yamlDocuments(file)) {
                HasMetadata object = mapper.treeToValue(doc, Kube.KINDS.get(doc.path("apiVersion").asText() + "/" + doc.path("kind").asText()));
                if (Kube.podTemplate(object) != null) {
                    workloads.add(object);
                }
            }
        }
        for (HasMetadata w : workloads) {
            PodSpec pod = Kube.podTemplate(w).getSpec();
            for (Container c : KubernetesTest.allContainers(pod)) {
                if (c.getName().equals("jobmanager")) {
                    c.getSecurityContext().setReadOnlyRootFilesystem(false);
                } else if (c.getName().equals("taskmanager")) {
                    c.getVolumeMounts().removeIf(m -> m.getMountPath().equals("/opt/flink/log"));
                } else if (c.getName().equals("kafka")) {
                    c.getSecurityContext().setRunAsUser(0L);
                }
            }
        }
        assertThat(kubernetesProblems(workloads))
                .anyMatch(p -> p.contains("container jobmanager: readOnlyRootFilesystem"))
                .anyMatch(p -> p.contains("container taskmanager: writable mounts") && p.contains("/opt/flink/log"))
                .anyMatch(p -> p.contains("container kafka: uid 0"))
                .hasSize(3);
    }

    static List<String> kubernetesProblems(List<HasMetadata> workloads) {
        List<String> problems = new ArrayList<>();
        Set<String> writableImagesUsed = new TreeSet<>();
        for (HasMetadata workload : workloads) {
            PodSpec pod = Kube.podTemplate(workload).getSpec();
            for (Container c : KubernetesTest.allContainers(pod)) {
                String where = workload.getKind() + "/" + workload.getMetadata().getName() + " container " + c.getName();
                if (!Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
                    problems.add(where + ": no runAsNonRoot");
                }
                Long uid = c.getSecurityContext().getRunAsUser() != null ? c.getSecurityContext().getRunAsUser()
                        : pod.getSecurityContext().getRunAsUser();
                if (uid == null || uid <= 0 || (IMAGE_USERS.containsKey(c.getImage()) && !uid.equals(IMAGE_USERS.get(c.getImage())))) {
                    problems.add(where + ": uid " + uid + ", not a non-root user of its image");
                }
                Boolean readOnly = c.getSecurityContext().getReadOnlyRootFilesystem();
                if (WRITABLE_ROOT.containsKey(c.getImage())) {
                    writableImagesUsed.add(c.getImage());
                    if (Boolean.TRUE.equals(readOnly)) {
                        problems.add(where + ": read-only, but its image is listed as writable; take it off the list");
                    }
                    continue;
                }
                if (!Boolean.TRUE.equals(readOnly)) {
                    problems.add(where + ": readOnlyRootFilesystem not true, and " + c.getImage() + " is no listed exception");
                    continue;
                }
                Set<String> required = writablePaths().get(c.getImage());
                if (required == null) {
                    problems.add(where + ": " + c.getImage() + " has no list of what it writes");
                    continue;
                }
                Map<String, Volume> mounted = mounts(c, pod);
                if (!mounted.keySet().containsAll(required)) {
                    problems.add(where + ": writable mounts " + mounted.keySet() + ", needs " + required);
                }
                for (var m : mounted.entrySet()) {
                    if ((m.getKey().equals("/tmp") || m.getKey().startsWith("/opt/")) && m.getValue().getEmptyDir() == null) {
                        problems.add(where + " " + m.getKey() + ": scratch space, expected an emptyDir");
                    }
                }
            }
        }
        if (!writableImagesUsed.equals(WRITABLE_ROOT.keySet())) {
            problems.add("listed writable images " + WRITABLE_ROOT.keySet() + ", used " + writableImagesUsed + ": no longer needed?");
        }
        return problems;
    }

    static List<String> composeProblems(Map<String, JsonNode> services) {
        List<String> problems = new ArrayList<>();
        Set<String> writableImagesUsed = new TreeSet<>();
        Set<String> rootServicesUsed = new TreeSet<>();
        Set<String> built = new TreeSet<>();
        services.values().stream().filter(s -> s.has("build")).forEach(s -> built.add(s.path("image").asText()));
        for (var e : services.entrySet()) {
            String name = e.getKey();
            JsonNode service = e.getValue();
            String image = service.path("image").asText();
            String user = service.path("user").asText(null);
            if (user != null) {
                String uid = user.split(":")[0];
                if (uid.equals("0") || uid.equals("root")) {
                    if (ROOT_SERVICES.containsKey(name)) {
                        rootServicesUsed.add(name);
                    } else {
                        problems.add(name + ": runs as root without a listed reason");
                    }
                } else if (!uid.matches("[1-9][0-9]*")) {
                    problems.add(name + ": user " + user + " is not a numeric non-root uid");
                }
            } else if (!built.contains(image) && !IMAGE_USERS.containsKey(image)) {
                // the image's USER: numeric and non-root in our Dockerfiles (DockerfileTest), listed for the others
                problems.add(name + ": runs as " + image + "'s user, which is not known to be non-root");
            }
            boolean readOnly = service.path("read_only").asBoolean(false);
            if (WRITABLE_ROOT.containsKey(image)) {
                writableImagesUsed.add(image);
                if (readOnly) {
                    problems.add(name + ": read-only, but its image is listed as writable; take it off the list");
                }
                continue;
            }
            if (!readOnly) {
                problems.add(name + ": read_only not true, and " + image + " is no listed exception");
                continue;
            }
            Set<String> required = writablePaths().get(image);
            if (required == null) {
                problems.add(name + ": " + image + " has no list of what it writes");
            } else if (!writable(service).containsAll(required)) {
                problems.add(name + ": writable " + writable(service) + ", needs " + required);
            }
        }
        if (!writableImagesUsed.equals(WRITABLE_ROOT.keySet())) {
            problems.add("listed writable images " + WRITABLE_ROOT.keySet() + ", used " + writableImagesUsed + ": no longer needed?");
        }
        if (!rootServicesUsed.equals(ROOT_SERVICES.keySet())) {
            problems.add("listed root services " + ROOT_SERVICES.keySet() + ", used " + rootServicesUsed + ": no longer needed?");
        }
        return problems;
    }

    @Test
    void composeAndKubernetesMountTheSameWritablePathsForEachImage() {
        Map<String, Set<String>> compose = new TreeMap<>();
        for (JsonNode service : Compose.services().values()) {
            String image = service.path("image").asText();
            if (service.path("read_only").asBoolean(false)) {
                compose.merge(image, writable(service), ContainerSecurityTest::same);
            }
        }
        Map<String, Set<String>> k8s = new TreeMap<>();
        for (HasMetadata workload : KubernetesTest.workloads()) {
            PodSpec pod = Kube.podTemplate(workload).getSpec();
            for (Container c : pod.getContainers()) {
                if (Boolean.TRUE.equals(c.getSecurityContext().getReadOnlyRootFilesystem())) {
                    k8s.merge(c.getImage(), new TreeSet<>(mounts(c, pod).keySet()), ContainerSecurityTest::same);
                }
            }
        }
        assertThat(compose.keySet()).isEqualTo(writablePaths().keySet());
        assertThat(k8s).isEqualTo(compose);
    }

    @Test
    void theFlinkImageKeepsTheConfigurationItsEntryPointRewritesUnderTmp() {
        String run = String.join(" ", DockerfileTest.of(DockerfileTest.finalStage(DockerfileTest.parse("flink-job/Dockerfile")), "RUN"));
        Matcher move = Pattern.compile("mv /opt/flink/conf (\\S+)").matcher(run);
        Matcher link = Pattern.compile("ln -s (\\S+) /opt/flink/conf").matcher(run);
        assertThat(move.find()).as("the image's configuration moved aside").isTrue();
        assertThat(link.find()).as("conf/ a link to a writable place").isTrue();
        assertThat(RunJobScriptTest.defaultDir("FLINK_CONF_TEMPLATE")).isEqualTo(move.group(1));
        assertThat(RunJobScriptTest.defaultDir("FLINK_WRITABLE_CONF")).isEqualTo(link.group(1));
        assertThat(link.group(1)).as("under a path compose and Kubernetes mount writable").startsWith("/tmp/");
        assertThat(writablePaths().get(FLINK_IMAGE)).contains("/tmp");
    }

    /** Mount path → volume of a container. */
    static Map<String, Volume> mounts(Container c, PodSpec pod) {
        Map<String, Volume> mounts = new TreeMap<>();
        for (VolumeMount m : c.getVolumeMounts()) {
            assertThat(m.getReadOnly()).as(c.getName() + " " + m.getMountPath()).isNotEqualTo(Boolean.TRUE);
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(m.getName())).findFirst().orElseThrow();
            mounts.put(m.getMountPath(), volume);
        }
        return mounts;
    }

    /** Container paths a compose service can write: its tmpfs mounts and volumes. */
    static Set<String> writable(JsonNode service) {
        Set<String> paths = new TreeSet<>(Compose.volumes(service).keySet());
        List<String> tmpfs = new ArrayList<>(Compose.list(service.path("tmpfs")));
        tmpfs.forEach(t -> paths.add(t.split(":")[0]));
        return paths;
    }

    private static Set<String> same(Set<String> a, Set<String> b) {
        assertThat(b).as("every container of an image gets the same writable paths").isEqualTo(a);
        return a;
    }
}
