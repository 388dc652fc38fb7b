package io.fingerprint.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KubernetesTest {

    @Test
    void everyDocumentFitsTheKubernetesModelStrictly() {
        // Kube.ALL fails on a kind without a model, on a field of the wrong type and on an unknown field
        assertThat(Kube.ALL).hasSizeGreaterThan(10);
        Set<String> names = new HashSet<>();
        for (var m : Kube.ALL) {
            assertThat(names.add(m.object().getKind() + "/" + m.object().getMetadata().getName())).as(m.describe() + " unique").isTrue();
        }
    }

    @Test
    void namespaceComesFirstAndEveryObjectIsInIt() {
        List<Path> files = Repo.k8sFiles();
        assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString()).matches("\\d\\d-[a-z0-9-]+\\.yaml"));
        var first = Kube.ALL.get(0);
        assertThat(first.file().getFileName().toString()).isEqualTo("00-namespace.yaml");
        assertThat(first.object()).isInstanceOf(Namespace.class);
        assertThat(first.object().getMetadata().getName()).isEqualTo(Repo.NAMESPACE);
        assertThat(Kube.all(Namespace.class)).hasSize(1);
        for (var m : Kube.ALL) {
            if (!(m.object() instanceof Namespace)) {
                assertThat(m.object().getMetadata().getNamespace()).as(m.describe()).isEqualTo(Repo.NAMESPACE);
            }
        }
    }

    static List<HasMetadata> workloads() {
        return Kube.ALL.stream().map(Kube.Manifest::object).filter(o -> Kube.podTemplate(o) != null).toList();
    }

    static List<Container> allContainers(PodSpec pod) {
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        return containers;
    }

    @Test
    void workloadsRunAsNonRootWithResourcesAndProbes() {
        assertThat(workloads()).hasSizeGreaterThanOrEqualTo(6);
        for (HasMetadata workload : workloads()) {
            String name = workload.getKind() + "/" + workload.getMetadata().getName();
            PodTemplateSpec template = Kube.podTemplate(workload);
            PodSpec pod = template.getSpec();
            assertThat(pod.getSecurityContext()).as(name).isNotNull();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(pod.getEnableServiceLinks()).as(name + ": no service-link variables (KAFKA_PORT, ...)").isFalse();
            // namespaces enforcing the restricted Pod Security level refuse pods without a seccomp profile
            assertThat(pod.getSecurityContext().getSeccompProfile()).as(name + " seccompProfile").isNotNull();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name + " seccompProfile").isEqualTo("RuntimeDefault");
            for (Container c : allContainers(pod)) {
                String where = name + " container " + c.getName();
                Long uid = c.getSecurityContext() != null && c.getSecurityContext().getRunAsUser() != null
                        ? c.getSecurityContext().getRunAsUser() : pod.getSecurityContext().getRunAsUser();
                assertThat(uid).as(where + " numeric non-root user").isNotNull().isPositive();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(c.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(where + " limits").containsKey("memory");
                assertThat(c.getImage()).as(where).matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
                // the images compose builds exist in no registry: loaded into the cluster (kind load docker-image,
                // minikube image load) and never pulled, so a missing one says ErrImageNeverPull at once
                assertThat(c.getImagePullPolicy()).as(where + ": built images are never pulled, others only when missing")
                        .isEqualTo(c.getImage().startsWith("fingerprint/") ? "Never" : "IfNotPresent");
            }
            boolean oneShot = "true".equals(template.getMetadata().getLabels().get("fingerprint.io/one-shot"));
            assertThat(oneShot).as(name + ": only a Job may be one-shot").isEqualTo(oneShot && workload instanceof Job);
            if (!oneShot) {
                for (Container c : pod.getContainers()) {
                    String where = name + " container " + c.getName();
                    assertThat(c.getReadinessProbe()).as(where + " readiness").isNotNull();
                    assertThat(c.getLivenessProbe()).as(where + " liveness").isNotNull();
                    for (Probe probe : Stream.of(c.getReadinessProbe(), c.getLivenessProbe(), c.getStartupProbe()).filter(p -> p != null).toList()) {
                        IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                                : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
                        assertThat(port).as(where + " probe port").isNotNull();
                        assertThat(resolvePort(c, port)).as(where + " probe port " + port).isNotNull();
                    }
                }
            }
        }
    }

    static Integer resolvePort(Container c, IntOrString port) {
        for (ContainerPort p : c.getPorts()) {
            if (port.getStrVal() != null ? port.getStrVal().equals(p.getName()) : port.getIntVal().equals(p.getContainerPort())) {
                return p.getContainerPort();
            }
        }
        return null;
    }

    @Test
    void selectorsServicesAndReferencesResolve() {
        Set<String> configMaps = new TreeSet<>();
        Kube.all(ConfigMap.class).forEach(c -> configMaps.add(c.getMetadata().getName()));
        Set<String> claims = new TreeSet<>();
        Kube.all(PersistentVolumeClaim.class).forEach(c -> claims.add(c.getMetadata().getName()));
        for (HasMetadata workload : workloads()) {
            String name = workload.getKind() + "/" + workload.getMetadata().getName();
            PodTemplateSpec template = Kube.podTemplate(workload);
            Map<String, String> selector = workload instanceof Deployment d ? d.getSpec().getSelector().getMatchLabels()
                    : workload instanceof StatefulSet s ? s.getSpec().getSelector().getMatchLabels() : Map.of();
            assertThat(template.getMetadata().getLabels()).as(name + " template labels match the selector").containsAllEntriesOf(selector);
            PodSpec pod = template.getSpec();
            Set<String> volumes = new TreeSet<>();
            if (pod.getVolumes() != null) {
                for (Volume v : pod.getVolumes()) {
                    volumes.add(v.getName());
                    if (v.getPersistentVolumeClaim() != null) {
                        assertThat(claims).as(name + " volume " + v.getName()).contains(v.getPersistentVolumeClaim().getClaimName());
                    }
                }
            }
            if (workload instanceof StatefulSet s && s.getSpec().getVolumeClaimTemplates() != null) {
                s.getSpec().getVolumeClaimTemplates().forEach(t -> volumes.add(t.getMetadata().getName()));
                assertThat(Kube.named(Service.class, s.getSpec().getServiceName()).getSpec().getClusterIP())
                        .as(name + ": serviceName is a headless service").isEqualTo("None");
            }
            for (Container c : allContainers(pod)) {
                for (VolumeMount mount : c.getVolumeMounts()) {
                    assertThat(volumes).as(name + " mount " + mount.getName()).contains(mount.getName());
                }
                for (EnvFromSource from : c.getEnvFrom()) {
                    assertThat(configMaps).as(name + " envFrom").contains(from.getConfigMapRef().getName());
                }
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = env.getValueFrom().getConfigMapKeyRef();
                        assertThat(Kube.named(ConfigMap.class, ref.getName()).getData()).as(name + " " + env.getName()).containsKey(ref.getKey());
                    }
                }
            }
        }
        for (Service service : Kube.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            List<Container> selected = new ArrayList<>();
            for (HasMetadata workload : workloads()) {
                PodTemplateSpec template = Kube.podTemplate(workload);
                if (template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())) {
                    selected.addAll(template.getSpec().getContainers());
                }
            }
            assertThat(selected).as("Service " + service.getMetadata().getName() + " selects pods").isNotEmpty();
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(selected).as("Service " + service.getMetadata().getName() + " port " + port.getName())
                        .anyMatch(c -> resolvePort(c, port.getTargetPort()) != null);
            }
        }
    }

    @Test
    void imagesAreTheOnesComposeBuilds() {
        Set<String> composeImages = new TreeSet<>();
        Compose.services().values().forEach(s -> composeImages.add(s.path("image").asText()));
        Set<String> k8sImages = new TreeSet<>();
        workloads().forEach(w -> allContainers(Kube.podTemplate(w).getSpec()).forEach(c -> k8sImages.add(c.getImage())));
        assertThat(composeImages).containsAll(k8sImages);
        Set<String> built = new TreeSet<>();
        Compose.services().values().stream().filter(s -> s.has("build")).forEach(s -> built.add(s.path("image").asText()));
        assertThat(k8sImages).containsAll(built);
    }

    static Map<String, String> env(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            env.putAll(Kube.named(ConfigMap.class, from.getConfigMapRef().getName()).getData());
        }
        for (EnvVar e : c.getEnv()) {
            if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = e.getValueFrom().getConfigMapKeyRef();
                env.put(e.getName(), Kube.named(ConfigMap.class, ref.getName()).getData().get(ref.getKey()));
            } else {
                env.put(e.getName(), e.getValue());
            }
        }
        return env;
    }

    static String bootstrap() {
        Service kafka = Kube.named(Service.class, "kafka");
        return "kafka." + Repo.NAMESPACE + ".svc:" + kafka.getSpec().getPorts().get(0).getPort();
    }

    @Test
    void kafkaIsSingleNodeKraftWithAPersistentVolume() {
        StatefulSet kafka = Kube.named(StatefulSet.class, "kafka");
        assertThat(kafka.getSpec().getReplicas()).isEqualTo(1);
        Container c = kafka.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = env(c);
        assertThat(KafkaImage.problems(env)).isEmpty();
        assertThat(env.get("KAFKA_PROCESS_ROLES")).contains("broker").contains("controller");
        assertThat(env.get("CLUSTER_ID")).isEqualTo(Compose.env(Compose.service("kafka")).get("CLUSTER_ID"));
        assertThat(c.getImage()).isEqualTo(Compose.service("kafka").path("image").asText());
        assertThat(kafka.getSpec().getVolumeClaimTemplates()).hasSize(1);
        String advertised = KafkaImage.listeners(env.get("KAFKA_ADVERTISED_LISTENERS")).get(env.get("KAFKA_INTER_BROKER_LISTENER_NAME"));
        assertThat(advertised).isEqualTo(kafka.getMetadata().getName() + "-0." + kafka.getSpec().getServiceName() + "."
                + Repo.NAMESPACE + ".svc:9092");
        assertThat(Kube.named(Service.class, kafka.getSpec().getServiceName()).getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(c.getVolumeMounts().get(0).getMountPath()).isEqualTo("/var/lib/kafka/data");
        assertThat(env.get("KAFKA_LOG_DIRS")).startsWith("/var/lib/kafka/data/");
    }

    @Test
    void topicJobWaitsForKafkaAndCreatesWhatComposeCreates() {
        Job job = Kube.named(Job.class, "kafka-topics");
        String script = String.join("\n", job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertThat(Topics.created(script)).isEqualTo(Topics.created(String.join("\n",
                Compose.list(Compose.service("kafka-init").path("command")))));
        assertThat(script).contains("until ").contains("--if-not-exists").contains("bootstrap=" + bootstrap());
        assertThat(script).as("k8s expands $(VAR) in args").doesNotContain("$(");
    }

    @Test
    void partsThatNeedTopicsWaitForThem() {
        Map<String, Integer> topics = Topics.created(String.join("\n", Compose.list(Compose.service("kafka-init").path("command"))));
        for (HasMetadata workload : List.of(Kube.named(Job.class, "flink-jobmanager"), Kube.named(Deployment.class, "generator"),
                Kube.named(Deployment.class, "saver"))) {
            List<Container> init = Kube.podTemplate(workload).getSpec().getInitContainers();
            assertThat(init).as(workload.getMetadata().getName()).hasSize(1);
            String script = String.join("\n", init.get(0).getArgs());
            assertThat(script).contains("until ").contains("--bootstrap-server " + bootstrap());
            var m = java.util.regex.Pattern.compile("for topic in ([^;]+);").matcher(script);
            assertThat(m.find()).isTrue();
            assertThat(topics.keySet()).containsAll(List.of(m.group(1).trim().split("\\s+")));
        }
    }

    @Test
    void flinkRunsTheSameJobAsComposeWithTheSameConfiguration() {
        Job jm = Kube.named(Job.class, "flink-jobmanager");
        assertThat(jm.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("OnFailure");
        Container c = jm.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo(Compose.service("jobmanager").path("image").asText());
        List<String> args = c.getArgs();
        assertThat(args.get(0)).isEqualTo("standalone-job");
        var parsed = FlinkCli.parseStandaloneJob(args.subList(1, args.size()));
        List<String> composeCommand = ComposeTest.jobManagerCommand();
        var composeParsed = FlinkCli.parseStandaloneJob(composeCommand.subList(1, composeCommand.size()));
        assertThat(parsed.jobClassName()).isEqualTo(JobSource.JOB_CLASS);
        assertThat(parsed.jobId()).isEqualTo(composeParsed.jobId());
        Map<String, String> jobArgs = JobSource.parse(parsed.jobArgs());
        Map<String, String> composeArgs = new LinkedHashMap<>(JobSource.parse(composeParsed.jobArgs()));
        assertThat(jobArgs.get("--bootstrap-servers")).isEqualTo(bootstrap());
        composeArgs.put("--bootstrap-servers", bootstrap());
        assertThat(jobArgs).isEqualTo(composeArgs);

        Map<String, String> flink = FlinkCli.properties(env(c).get("FLINK_PROPERTIES"));
        assertThat(FlinkCli.problems(flink)).isEmpty();
        Service jmService = Kube.named(Service.class, flink.get("jobmanager.rpc.address"));
        assertThat(jmService.getSpec().getPorts()).extracting(ServicePort::getPort).contains(6123, 6124, 8081);
        Map<String, String> composeFlink = new LinkedHashMap<>(FlinkCli.properties(Compose.env(Compose.service("jobmanager")).get("FLINK_PROPERTIES")));
        composeFlink.put("jobmanager.rpc.address", jmService.getMetadata().getName());
        assertThat(flink).isEqualTo(composeFlink);

        Deployment tm = Kube.named(Deployment.class, "flink-taskmanager");
        Container tmc = tm.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(tmc.getArgs()).containsExactly("taskmanager");
        assertThat(tmc.getImage()).isEqualTo(c.getImage());
        assertThat(env(tmc)).containsEntry("TASK_MANAGER_NUMBER_OF_TASK_SLOTS", "4");
        assertThat(FlinkCli.properties(env(tmc).get("FLINK_PROPERTIES"))).isEqualTo(flink);
        for (Container container : List.of(c, tmc)) {
            assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains("/flink");
        }
        assertThat(tmc.getPorts()).extracting(ContainerPort::getContainerPort)
                .contains(Integer.parseInt(flink.get("taskmanager.rpc.port")), Integer.parseInt(flink.get("taskmanager.data.port")));
    }

    @Test
    void quarkusServicesGetOnlyVariablesTheyReadWithPortsProbesAndStorage() {
        for (QuarkusService q : List.of(QuarkusService.GENERATOR, QuarkusService.SAVER)) {
            Deployment d = Kube.named(Deployment.class, q.k8sName());
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getImage()).isEqualTo(Compose.service(q.composeService()).path("image").asText());
            Map<String, String> env = env(c);
            List<String> unread = new ArrayList<>(env.keySet());
            unread.removeIf(q::reads);
            assertThat(unread).as(q.module() + ": variables it does not read").isEmpty();
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(bootstrap());
            Map<String, String> composeEnv = new LinkedHashMap<>(Compose.env(Compose.service(q.composeService())));
            composeEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
            assertThat(env).as(q.module() + " same settings as in compose").isEqualTo(composeEnv);
            assertThat(c.getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(q.httpPort());
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            Service service = Kube.named(Service.class, q.k8sName());
            assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(q.httpPort());
        }
        Deployment saver = Kube.named(Deployment.class, "saver");
        Container c = saver.getSpec().getTemplate().getSpec().getContainers().get(0);
        String dir = env(c).get("SAVER_OUTPUT_DIR");
        VolumeMount mount = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(dir)).findFirst()
                .orElseThrow(() -> new AssertionError("saver: nothing mounted at SAVER_OUTPUT_DIR " + dir));
        Volume volume = saver.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertThat(volume.getPersistentVolumeClaim()).isNotNull();
        // several savers share the volume: on one node with ReadWriteOnce (held together by pod affinity)
        assertThat(saver.getSpec().getReplicas()).as("saver replicas").isEqualTo(2);
        PersistentVolumeClaim claim = Kube.named(PersistentVolumeClaim.class, volume.getPersistentVolumeClaim().getClaimName());
        if (claim.getSpec().getAccessModes().contains("ReadWriteOnce")) {
            var affinity = saver.getSpec().getTemplate().getSpec().getAffinity().getPodAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution();
            assertThat(affinity).as("saver replicas on one node with a ReadWriteOnce volume").singleElement().satisfies(t -> {
                assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                assertThat(t.getLabelSelector().getMatchLabels()).isEqualTo(saver.getSpec().getSelector().getMatchLabels());
            });
        }
        assertThat(saver.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup()).isNotNull();
    }

    @Test
    void readmeStatesWhatThePodsRequestTogether() {
        // the minimum node size the README gives follows from the manifests: the containers' requests and
        // limits summed (init containers run before them and request less, so they do not add up)
        long requestMiB = 0;
        long limitMiB = 0;
        long milliCpu = 0;
        for (HasMetadata workload : workloads()) {
            long replicas = workload instanceof Deployment d ? d.getSpec().getReplicas()
                    : workload instanceof StatefulSet s ? s.getSpec().getReplicas() : 1;
            for (Container c : Kube.podTemplate(workload).getSpec().getContainers()) {
                requestMiB += replicas * (c.getResources().getRequests().get("memory").getNumericalAmount().longValue() >> 20);
                limitMiB += replicas * (c.getResources().getLimits().get("memory").getNumericalAmount().longValue() >> 20);
                milliCpu += replicas * c.getResources().getRequests().get("cpu").getNumericalAmount().movePointRight(3).longValue();
            }
        }
        Matcher m = java.util.regex.Pattern.compile("request (\\d+) MiB of memory and ([0-9.]+) CPUs together \\(limits (\\d+) MiB")
                .matcher(Repo.read("README.md").replaceAll("\\s+", " "));
        assertThat(m.find()).as("README: \"request N MiB of memory and C CPUs together (limits L MiB\"").isTrue();
        assertThat(Long.parseLong(m.group(1))).as("README's memory requests").isEqualTo(requestMiB);
        assertThat(new java.math.BigDecimal(m.group(2)).movePointRight(3).longValue()).as("README's CPU requests").isEqualTo(milliCpu);
        assertThat(Long.parseLong(m.group(3))).as("README's memory limits").isEqualTo(limitMiB);
    }

    @Test
    void heapsAndFlinkProcessesFitTheirLimits() {
        for (QuarkusService q : List.of(QuarkusService.GENERATOR, QuarkusService.SAVER)) {
            Container c = Kube.named(Deployment.class, q.k8sName()).getSpec().getTemplate().getSpec().getContainers().get(0);
            long limit = c.getResources().getLimits().get("memory").getNumericalAmount().longValue();
            assertThat(ComposeTest.maxHeap(c.getArgs())).as(q.module()).isLessThanOrEqualTo(limit * 3 / 4);
            assertThat(c.getArgs()).isEqualTo(ComposeTest.list(q));
        }
        Map<String, String> flink = FlinkCli.properties(Kube.named(ConfigMap.class, "flink-config").getData().get("FLINK_PROPERTIES"));
        Container jm = Kube.named(Job.class, "flink-jobmanager").getSpec().getTemplate().getSpec().getContainers().get(0);
        Container tm = Kube.named(Deployment.class, "flink-taskmanager").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(ComposeTest.bytes(flink.get("jobmanager.memory.process.size")))
                .isLessThan(jm.getResources().getLimits().get("memory").getNumericalAmount().longValue());
        assertThat(ComposeTest.bytes(flink.get("taskmanager.memory.process.size")))
                .isLessThan(tm.getResources().getLimits().get("memory").getNumericalAmount().longValue());
        assertThat(ComposeTest.bytes(flink.get("taskmanager.memory.process.size")))
                .isLessThanOrEqualTo(tm.getResources().getRequests().get("memory").getNumericalAmount().longValue());
    }

    @Test
    void kubectlWouldNotExpandAnythingUnintended() {
        // $(NAME) in command, args and env values is expanded by Kubernetes: none is meant here
        for (HasMetadata workload : workloads()) {
            for (Container c : allContainers(Kube.podTemplate(workload).getSpec())) {
                List<String> texts = new ArrayList<>();
                texts.addAll(c.getCommand());
                texts.addAll(c.getArgs());
                c.getEnv().forEach(e -> texts.add(String.valueOf(e.getValue())));
                assertThat(texts).as(workload.getMetadata().getName() + "/" + c.getName()).noneMatch(t -> t.contains("$("));
            }
        }
    }
}
