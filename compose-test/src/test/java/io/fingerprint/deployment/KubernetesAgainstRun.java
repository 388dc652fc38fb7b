package io.fingerprint.deployment;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The k8s manifests held against the containers compose just ran healthy (not against the compose file):
 * each k8s container's image, command with arguments, and environment must be what the running container
 * has, with the addresses translated (compose's {@code kafka:19092} is k8s' {@code kafka.fingerprint.svc:9092})
 * and only the differences listed here, each with its reason.
 */
public final class KubernetesAgainstRun {

    /** What a container ran with (docker inspect), and its image's own defaults. */
    public record Ran(String image, List<String> entrypoint, List<String> cmd, Map<String, String> env,
                      List<String> imageEntrypoint, List<String> imageCmd, Map<String, String> imageEnv) {
    }

    private record Target(Class<? extends HasMetadata> kind, String workload, String container) {
    }

    /** compose service → the k8s container that runs the same part. */
    private static final Map<String, Target> K8S = Map.of(
            "kafka", new Target(StatefulSet.class, "kafka", "kafka"),
            "jobmanager", new Target(Job.class, "flink-jobmanager", "jobmanager"),
            "taskmanager", new Target(Deployment.class, "flink-taskmanager", "taskmanager"),
            "generator", new Target(Deployment.class, "generator", "generator"),
            "saver", new Target(Deployment.class, "saver", "saver"));

    /**
     * The broker's listeners are where the two differ by design: compose has one for the host
     * (localhost:9092) and one for its network (kafka:19092), k8s one for the cluster's DNS name.
     */
    private static final Set<String> KAFKA_NETWORK_SETTINGS = Set.of("KAFKA_LISTENERS", "KAFKA_ADVERTISED_LISTENERS",
            "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "KAFKA_INTER_BROKER_LISTENER_NAME");

    private KubernetesAgainstRun() {
    }

    public static Set<String> services() {
        return new TreeMap<>(K8S).keySet();
    }

    /**
     * What differs. testOnlyArgs: arguments the test's overrides appended to a service's command;
     * testOnlyEnv: variables they added. Both are taken off what ran before comparing.
     */
    public static List<String> problems(Map<String, Ran> ran, Map<String, List<String>> testOnlyArgs, Map<String, Set<String>> testOnlyEnv) {
        List<String> problems = new ArrayList<>();
        String composeBootstrap = ComposeTest.internalBootstrap();
        String k8sBootstrap = KubernetesTest.bootstrap();
        for (var e : new TreeMap<>(K8S).entrySet()) {
            String service = e.getKey();
            Ran r = ran.get(service);
            if (r == null) {
                problems.add(service + ": did not run");
                continue;
            }
            Target t = e.getValue();
            Container c = KubernetesTest.allContainers(Kube.podTemplate(Kube.named(t.kind(), t.workload())).getSpec()).stream()
                    .filter(x -> x.getName().equals(t.container())).findFirst().orElseThrow();
            String where = service + " vs " + t.kind().getSimpleName() + "/" + t.workload() + " container " + t.container();

            if (!c.getImage().equals(r.image())) {
                problems.add(where + ": image " + c.getImage() + ", ran " + r.image());
            }

            // the command line: k8s' command replaces the image's entry point, its args the image's CMD
            List<String> k8sLine = new ArrayList<>(c.getCommand() == null || c.getCommand().isEmpty() ? r.imageEntrypoint() : c.getCommand());
            List<String> k8sArgs = c.getArgs() == null || c.getArgs().isEmpty()
                    ? (c.getCommand() == null || c.getCommand().isEmpty() ? r.imageCmd() : List.of()) : c.getArgs();
            k8sLine.addAll(k8sArgs);
            List<String> cmd = new ArrayList<>(r.cmd());
            List<String> extra = testOnlyArgs.getOrDefault(service, List.of());
            if (!extra.isEmpty()) {
                if (cmd.size() < extra.size() || !cmd.subList(cmd.size() - extra.size(), cmd.size()).equals(extra)) {
                    problems.add(where + ": the test's override should have appended " + extra + " to the command, ran " + cmd);
                } else {
                    cmd = new ArrayList<>(cmd.subList(0, cmd.size() - extra.size()));
                }
            }
            List<String> ranLine = new ArrayList<>(r.entrypoint());
            cmd.forEach(a -> ranLine.add(a.replace(composeBootstrap, k8sBootstrap)));
            if (!k8sLine.equals(ranLine)) {
                problems.add(where + ": command line " + k8sLine + ", ran (addresses translated) " + ranLine);
            }

            // the environment: every k8s variable as it ran; every variable compose set is in k8s
            Map<String, String> k8sEnv = KubernetesTest.env(c);
            Map<String, String> set = new LinkedHashMap<>();
            r.env().forEach((k, v) -> {
                if (!Objects.equals(r.imageEnv().get(k), v) && !testOnlyEnv.getOrDefault(service, Set.of()).contains(k)) {
                    set.put(k, v);
                }
            });
            for (var v : k8sEnv.entrySet()) {
                if (service.equals("kafka") && KAFKA_NETWORK_SETTINGS.contains(v.getKey())) {
                    continue;
                }
                String ranValue = r.env().get(v.getKey());
                if (ranValue == null) {
                    problems.add(where + ": k8s sets " + v.getKey() + ", the container ran without it");
                } else if (v.getKey().equals("FLINK_PROPERTIES")) {
                    Map<String, String> k8sFlink = new TreeMap<>(FlinkCli.properties(v.getValue()));
                    Map<String, String> ranFlink = new TreeMap<>(FlinkCli.properties(ranValue));
                    // the JobManager's address: a compose host name there, a k8s Service here (checked offline to exist)
                    k8sFlink.remove("jobmanager.rpc.address");
                    ranFlink.remove("jobmanager.rpc.address");
                    if (!k8sFlink.equals(ranFlink)) {
                        problems.add(where + ": FLINK_PROPERTIES " + k8sFlink + ", ran " + ranFlink);
                    }
                } else if (!v.getValue().equals(ranValue.replace(composeBootstrap, k8sBootstrap))) {
                    problems.add(where + ": " + v.getKey() + "=" + v.getValue() + ", ran " + ranValue);
                }
            }
            for (String k : set.keySet()) {
                if (!k8sEnv.containsKey(k) && !(service.equals("kafka") && KAFKA_NETWORK_SETTINGS.contains(k))) {
                    problems.add(where + ": compose ran it with " + k + "=" + set.get(k) + ", k8s does not set it");
                }
            }
        }
        return problems;
    }
}
