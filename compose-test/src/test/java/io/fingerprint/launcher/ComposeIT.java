package io.fingerprint.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fingerprint.deployment.KubernetesAgainstRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * `docker compose up --build -d` on the project's own docker-compose.yml, then checked as a user would,
 * through the host ports only (README "Compose test"): every service healthy and the one-shots exited 0;
 * the k8s manifests against what ran; the job RUNNING in Flink's REST API (:18081); a rate change over
 * the generator's REST API (:8080) seen in sensor-data (:9092); files in ./output listed by the saver
 * (:8090) whose statistics recompute exactly from their input_records. Then faults through compose: the
 * jobmanager container killed and started again resumes from its newest checkpoint, the saver restarted,
 * `down` and `up` again; after each, no window lost or doubled and one file per fingerprint. `down -v`
 * leaves nothing behind. When it fails, every container's log is in compose-test/target/compose-logs/.
 *
 * <p>Test-only overrides (compose-test/*.yml, stated in the README): 10 s windows; and, with the
 * stand-in images, the services' images from the native executables this build made.
 */
class ComposeIT {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final String MODE = System.getProperty("compose.test", "auto");
    private static final boolean OFFICIAL = "official".equals(System.getProperty("compose.images", "standins"));
    private static final String JDKSO = System.getProperty("compose.native.jdkso", "");
    private static final String BOOTSTRAP = "localhost:9092";
    private static final String FLINK = "http://localhost:18081";
    private static final String GENERATOR = "http://localhost:8080";
    private static final String SAVER = "http://localhost:8090";
    private static final String JOB_ID = "9349de27c8ac4916b5c38b9992ad228a";
    private static final long WINDOW_MS = 10_000;
    private static final List<String> LONG_RUNNING = List.of("kafka", "jobmanager", "taskmanager", "generator", "saver");
    private static final List<String> ONE_SHOTS = List.of("kafka-init", "output-init");
    private static final Pattern RESTORED = Pattern.compile("run-job: restoring from /flink/checkpoints/" + JOB_ID + "/chk-(\\d+)");

    private final Path output = ROOT.resolve("output");

    @Test
    void composeUpRunsThePipelineAndItSurvivesFaults() throws Exception {
        assumeTrue(!"off".equals(MODE), "compose test off (-Dcompose.test=off)");
        boolean engine = engineAnswers();
        if (!engine && !"required".equals(MODE)) {
            System.out.println("[compose-test] SKIPPED: no Docker engine answers `docker info`; ./test.sh starts one "
                    + "(as root, with ../shared beside the clone) and then requires this test (-Dcompose.test=required)");
        }
        assumeTrue(engine || "required".equals(MODE), "no Docker engine: the compose test is skipped");
        assertThat(engine).as("-Dcompose.test=required, but `docker info` does not answer: is dockerd running?").isTrue();

        List<String> files = new ArrayList<>(List.of("docker-compose.yml", "compose-test/compose.short-windows.yml"));
        Map<String, String> env = new LinkedHashMap<>();
        if (!OFFICIAL) {
            files.add("compose-test/compose.native-services.yml");
            boolean natives = !JDKSO.isEmpty() && Stream.of("generator-service", "saver-service").allMatch(ComposeIT::hasRunner);
            if (!natives && !"required".equals(MODE)) {
                System.out.println("[compose-test] SKIPPED: the stand-in runtime runs the native executables of this build, and "
                        + "there are none (./mvnw verify -Dnative -Dcompose.native.jdkso=<toolchain>/gvm/lib/svm/jdkso, as ./test.sh does)");
            }
            assumeTrue(natives || "required".equals(MODE), "no native executables: the compose test is skipped");
            assertThat(JDKSO).as("-Dcompose.native.jdkso: the stand-in runtime runs the native executables this build "
                    + "made, which need the toolchain's jdkso folder (./test.sh passes it)").isNotEmpty();
            assertThat(Path.of(JDKSO).resolve("libjava.so")).as("the toolchain's JDK libraries").exists();
            for (String module : List.of("generator-service", "saver-service")) {
                try (Stream<Path> target = Files.list(ROOT.resolve(module).resolve("target"))) {
                    assertThat(target.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-runner")))
                            .as(module + "/target/*-runner: the native executable (./mvnw package -Dnative)").isNotEmpty();
                }
            }
            env.put("NATIVE_IMAGE_JDKSO", JDKSO);
        }
        ComposeProject compose = new ComposeProject(ROOT, files, env);
        shortWindowsOverrideOnlyAppendsToTheJobCommand(compose);

        // a clean start: nothing of an earlier run, the ports free, ./output empty (the saver's files are checked one by one)
        compose.compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        for (int port : List.of(9092, 18081, 8080, 8090)) {
            assertThat(free(port)).as("host port %d is needed by docker-compose.yml and is in use", port).isTrue();
        }
        if (Files.isDirectory(output)) {
            assertThat(PipelineLedger.fileNames(output)).as("%s must be empty: the test checks every file the saver writes there "
                    + "(move or delete what is in it)", output).isEmpty();
        }

        boolean passed = false;
        try {
            if (!OFFICIAL) {
                ComposeProject.Result standins = compose.run(Duration.ofMinutes(20), List.of("deployment/standins/build.sh"));
                System.out.println("[compose-test] stand-in images built in " + standins.took().toSeconds() + " s");
            }
            ComposeProject.Result up = compose.compose(Duration.ofMinutes(20), "up", "--build", "-d");
            System.out.println("[compose-test] docker compose up --build -d returned after " + up.took().toSeconds() + " s");
            awaitHealthy(compose, Duration.ofMinutes(4));
            kubernetesManifestsMatchWhatRan(compose);
            awaitJobRunning(Duration.ofMinutes(2));

            // the user's first look: files appear, the saver lists them, the generator's rate reaches Kafka
            awaitFiles(3, Duration.ofMinutes(3));
            theSaverListsTheFiles();
            theRateSetOverRestIsTheRateInSensorData(20);

            // fault 1: the JobManager killed, then started: from its newest checkpoint
            int newest = awaitCompletedCheckpoint(Duration.ofMinutes(1));
            compose.compose(Duration.ofMinutes(1), "kill", "jobmanager");
            System.out.println("[compose-test] jobmanager killed with checkpoint " + newest + " completed");
            compose.compose(Duration.ofMinutes(2), "start", "jobmanager");
            int restored = awaitRestoredCheckpoint(compose, Duration.ofMinutes(3));
            assertThat(restored).as("the checkpoint the restarted jobmanager restored; %d had completed before the kill", newest)
                    .isGreaterThanOrEqualTo(newest);
            System.out.println("[compose-test] jobmanager restarted from checkpoint " + restored);
            awaitJobRunning(Duration.ofMinutes(2));
            int filesBefore = PipelineLedger.fileNames(output).size();
            awaitFiles(filesBefore + 5, Duration.ofMinutes(3));

            // fault 2: the saver restarted
            compose.compose(Duration.ofMinutes(2), "restart", "saver");
            awaitHealthy(compose, Duration.ofMinutes(2));
            awaitFiles(PipelineLedger.fileNames(output).size() + 5, Duration.ofMinutes(3));
            settleAndVerify("after the jobmanager was killed and the saver restarted");

            // down and up again: everything resumes where it was (volumes kept)
            compose.compose(Duration.ofMinutes(3), "down");
            System.out.println("[compose-test] down (volumes kept); up again");
            ComposeProject.Result again = compose.compose(Duration.ofMinutes(10), "up", "--build", "-d");
            System.out.println("[compose-test] up again returned after " + again.took().toSeconds() + " s");
            awaitHealthy(compose, Duration.ofMinutes(4));
            int resumedFrom = awaitRestoredCheckpoint(compose, Duration.ofMinutes(3));
            System.out.println("[compose-test] after down and up the job restored checkpoint " + resumedFrom);
            awaitJobRunning(Duration.ofMinutes(2));
            awaitFiles(PipelineLedger.fileNames(output).size() + 5, Duration.ofMinutes(3));
            settleAndVerify("after docker compose down and up");
            passed = true;
        } catch (Throwable t) {
            compose.keepLogs("the test failed: " + t.getMessage().lines().findFirst().orElse(""));
            throw t;
        } finally {
            // down -v leaves nothing behind, whatever happened; the saved files are kept under target/
            ComposeProject.Result down = compose.tryRun(Duration.ofMinutes(3), List.of("docker", "compose", "-p", ComposeProject.NAME,
                    "-f", "docker-compose.yml", "down", "-v", "--remove-orphans"));
            keepOutput(compose.logs.resolve("output"));
            if (passed) {
                assertThat(down.exit()).as("docker compose down -v: " + ComposeProject.tail(down.output(), 20)).isZero();
                nothingLeft(compose);
            }
        }
    }

    private static boolean engineAnswers() {
        try {
            Process p = new ProcessBuilder("docker", "info", "--format", "{{.ServerVersion}}").redirectErrorStream(true).start();
            return p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean hasRunner(String module) {
        try (Stream<Path> target = Files.list(ROOT.resolve(module).resolve("target"))) {
            return target.anyMatch(p -> p.getFileName().toString().endsWith("-runner"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The short-windows override repeats docker-compose.yml's job command: it must add options, never change one. */
    private static void shortWindowsOverrideOnlyAppendsToTheJobCommand(ComposeProject compose) {
        JsonNode base = ComposeProject.parse(compose.run(Duration.ofMinutes(1), List.of("docker", "compose", "-f", "docker-compose.yml",
                "config", "--format", "json")).output());
        List<String> baseCommand = strings(base.at("/services/jobmanager/command"));
        List<String> withOverride = jobCommandWithOverrides(compose);
        assertThat(withOverride.subList(0, baseCommand.size())).as("compose.short-windows.yml: docker-compose.yml's job command, then options")
                .isEqualTo(baseCommand);
        assertThat(withOverride.subList(baseCommand.size(), withOverride.size()))
                .containsExactly("--window-size", "10s", "--out-of-orderness", "2s", "--idle-timeout", "3s");
    }

    private static List<String> jobCommandWithOverrides(ComposeProject compose) {
        JsonNode merged = ComposeProject.parse(compose.compose(Duration.ofMinutes(1), "config", "--format", "json").output());
        return strings(merged.at("/services/jobmanager/command"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        if (array != null && !array.isMissingNode() && !array.isNull()) {
            array.forEach(n -> list.add(n.asText()));
        }
        return list;
    }

    private static void awaitHealthy(ComposeProject compose, Duration timeout) {
        Deque<String> last = new ArrayDeque<>(1);
        try {
            Awaitility.await("every service healthy and the one-shots exited 0").atMost(timeout).pollInterval(Duration.ofSeconds(3))
                    .until(() -> {
                        Map<String, JsonNode> ps = compose.ps();
                        List<String> states = new ArrayList<>();
                        boolean ready = true;
                        for (String s : ONE_SHOTS) {
                            JsonNode c = ps.get(s);
                            String state = c == null ? "absent" : c.path("State").asText() + " exit " + c.path("ExitCode").asInt();
                            states.add(s + ": " + state);
                            if (c != null && "exited".equals(c.path("State").asText()) && c.path("ExitCode").asInt() != 0) {
                                throw new AssertionError(s + " exited " + c.path("ExitCode").asInt() + " (its log: compose-test/target/compose-logs)");
                            }
                            ready &= c != null && "exited".equals(c.path("State").asText());
                        }
                        for (String s : LONG_RUNNING) {
                            JsonNode c = ps.get(s);
                            String state = c == null ? "absent" : c.path("State").asText() + "/" + c.path("Health").asText();
                            states.add(s + ": " + state);
                            ready &= c != null && "running".equals(c.path("State").asText()) && "healthy".equals(c.path("Health").asText());
                        }
                        last.clear();
                        last.add(String.join(", ", states));
                        return ready;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not every service healthy within " + timeout.toSeconds() + " s; last seen: " + last.peek(), e);
        }
        System.out.println("[compose-test] healthy: " + last.peek());
    }

    private static void kubernetesManifestsMatchWhatRan(ComposeProject compose) {
        Map<String, KubernetesAgainstRun.Ran> ran = new LinkedHashMap<>();
        Map<String, JsonNode> ps = compose.ps();
        for (String service : KubernetesAgainstRun.services()) {
            JsonNode container = compose.inspect(ps.get(service).path("Name").asText());
            String image = container.at("/Config/Image").asText();
            JsonNode imageConfig = compose.inspect("--type", "image", image).path("Config");
            ran.put(service, new KubernetesAgainstRun.Ran(image, strings(container.at("/Config/Entrypoint")), strings(container.at("/Config/Cmd")),
                    env(container.at("/Config/Env")), strings(imageConfig.path("Entrypoint")), strings(imageConfig.path("Cmd")),
                    env(imageConfig.path("Env"))));
        }
        List<String> base = strings(ComposeProject.parse(compose.run(Duration.ofMinutes(1), List.of("docker", "compose", "-f",
                "docker-compose.yml", "config", "--format", "json")).output()).at("/services/jobmanager/command"));
        List<String> job = jobCommandWithOverrides(compose);
        Map<String, Set<String>> testOnlyEnv = OFFICIAL ? Map.of()
                : Map.of("generator", Set.of("LD_LIBRARY_PATH"), "saver", Set.of("LD_LIBRARY_PATH"));
        List<String> problems = KubernetesAgainstRun.problems(ran, Map.of("jobmanager", job.subList(base.size(), job.size())), testOnlyEnv);
        assertThat(problems).as("k8s/ against the containers that ran healthy").isEmpty();
        System.out.println("[compose-test] k8s manifests hold the image, command, arguments and environment of the "
                + ran.size() + " containers that ran: " + ran.keySet());
    }

    private static Map<String, String> env(JsonNode list) {
        Map<String, String> env = new LinkedHashMap<>();
        strings(list).forEach(kv -> env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
        return env;
    }

    private static void awaitJobRunning(Duration timeout) {
        Deque<String> last = new ArrayDeque<>(1);
        try {
            Awaitility.await("the job RUNNING in Flink's REST API").atMost(timeout).pollInterval(Duration.ofSeconds(2)).until(() -> {
                FaultTestSupport.Response r = FaultTestSupport.get(FLINK + "/jobs/overview");
                last.clear();
                last.add(r == null ? "no answer" : r.status() + " " + r.body());
                if (r == null || r.status() != 200) {
                    return false;
                }
                for (JsonNode job : r.json().path("jobs")) {
                    if (job.path("jid").asText().equals(JOB_ID) && "RUNNING".equals(job.path("state").asText())
                            && job.at("/tasks/running").asInt() == job.at("/tasks/total").asInt()) {
                        return true;
                    }
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("job " + JOB_ID + " not RUNNING with all its tasks on :18081 within " + timeout.toSeconds()
                    + " s; last answer: " + last.peek(), e);
        }
        System.out.println("[compose-test] Flink REST API on :18081: job " + JOB_ID + " RUNNING");
    }

    private void awaitFiles(int atLeast, Duration timeout) {
        try {
            Awaitility.await("at least " + atLeast + " files in ./output").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.isDirectory(output) && savedFiles().size() >= atLeast);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("fewer than " + atLeast + " saved files in " + output + " within " + timeout.toSeconds() + " s: "
                    + (Files.isDirectory(output) ? PipelineLedger.fileNames(output) : "no folder"), e);
        }
        System.out.println("[compose-test] " + savedFiles().size() + " fingerprint files in ./output");
    }

    private List<String> savedFiles() {
        return PipelineLedger.fileNames(output).stream().filter(n -> PipelineLedger.SAVED_FILE.matcher(n).matches()).toList();
    }

    private void theSaverListsTheFiles() {
        Set<String> onDisk = new TreeSet<>();
        for (String name : savedFiles()) {
            Matcher m = PipelineLedger.SAVED_FILE.matcher(name);
            assertThat(m.matches()).isTrue();
            onDisk.add(m.group(1));
        }
        Set<String> listed = new HashSet<>();
        try {
            // a file is on disk a moment before the saver's index has it: the listing catches up
            Awaitility.await("GET :8090/fingerprints listing the files of ./output").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        listed.clear();
                        FaultTestSupport.getJson(SAVER + "/fingerprints?limit=1000").path("items").forEach(i -> listed.add(i.path("uuid").asText()));
                        return listed.containsAll(onDisk);
                    });
        } catch (ConditionTimeoutException e) {
            Set<String> missing = new TreeSet<>(onDisk);
            missing.removeAll(listed);
            throw new AssertionError("GET :8090/fingerprints does not list files that are in ./output: " + missing, e);
        }
        System.out.println("[compose-test] GET :8090/fingerprints lists the " + onDisk.size() + " files of ./output (" + listed.size() + " listed)");
    }

    /** PUT /generator/rate, then the rate at which sensor-data grows (its end offsets, sampled every second) must follow. */
    private static void theRateSetOverRestIsTheRateInSensorData(int rate) {
        FaultTestSupport.Response put = FaultTestSupport.putJson(GENERATOR + "/generator/rate", "{\"readings_per_second\":" + rate + "}");
        assertThat(put).as("PUT :8080/generator/rate answered").isNotNull();
        assertThat(put.status()).as("PUT :8080/generator/rate: " + put.body()).isBetween(200, 204);
        Deque<long[]> samples = new ArrayDeque<>();
        Deque<String> last = new ArrayDeque<>(1);
        var props = new java.util.Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("sensor-data", Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition("sensor-data", p.partition())).toList();
            // the samples' spacing is the measurement (about 1 s); the wait ends as soon as 6 s of them show the rate
            Awaitility.await("sensor-data growing at " + rate + " readings/s").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        long end = consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
                        samples.addLast(new long[] {System.nanoTime(), end});
                        while (samples.size() > 7) {
                            samples.removeFirst();
                        }
                        if (samples.size() < 7) {
                            return false;
                        }
                        double seconds = (samples.getLast()[0] - samples.getFirst()[0]) / 1e9;
                        double seen = (samples.getLast()[1] - samples.getFirst()[1]) / seconds;
                        last.clear();
                        last.add(String.format("%.1f readings/s over %.1f s", seen, seconds));
                        return seen >= rate * 0.8 && seen <= rate * 1.2;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("sensor-data did not follow the rate " + rate + "/s set over REST; last measured " + last.peek(), e);
        }
        System.out.println("[compose-test] PUT :8080/generator/rate " + rate + ": sensor-data grows at " + last.peek());
    }

    private static int awaitCompletedCheckpoint(Duration timeout) {
        int[] id = {-1};
        Awaitility.await("a completed checkpoint").atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> {
            FaultTestSupport.Response r = FaultTestSupport.get(FLINK + "/jobs/" + JOB_ID + "/checkpoints");
            if (r == null || r.status() != 200) {
                return false;
            }
            JsonNode completed = r.json().at("/latest/completed");
            id[0] = completed.isMissingNode() || completed.isNull() ? -1 : completed.path("id").asInt();
            return id[0] > 0;
        });
        return id[0];
    }

    /** The checkpoint the jobmanager's entry point (run-job.sh) restored at its latest start, and Flink's REST API agrees. */
    private static int awaitRestoredCheckpoint(ComposeProject compose, Duration timeout) {
        int[] restored = {-1};
        Deque<String> last = new ArrayDeque<>(1);
        try {
            Awaitility.await("the jobmanager restoring a checkpoint").atMost(timeout).pollInterval(Duration.ofSeconds(2)).until(() -> {
                String log = compose.compose(Duration.ofMinutes(1), "logs", "--no-color", "--no-log-prefix", "jobmanager").output();
                Matcher m = RESTORED.matcher(log);
                int fromLog = -1;
                while (m.find()) {
                    fromLog = Integer.parseInt(m.group(1));
                }
                FaultTestSupport.Response r = FaultTestSupport.get(FLINK + "/jobs/" + JOB_ID + "/checkpoints");
                JsonNode rest = r == null || r.status() != 200 ? null : r.json().at("/latest/restored");
                last.clear();
                last.add("run-job.sh said chk-" + fromLog + ", REST latest.restored " + rest);
                restored[0] = fromLog;
                return fromLog > 0 && rest != null && !rest.isMissingNode() && !rest.isNull() && rest.path("id").asInt() == fromLog;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the restarted jobmanager did not restore a checkpoint within " + timeout.toSeconds() + " s; "
                    + last.peek(), e);
        }
        return restored[0];
    }

    /**
     * The generator paused (so the last windows close), then the whole history checked: every window with
     * readings fingerprinted exactly once with exact statistics, one complete file per fingerprint holding
     * exactly its readings; then the generator resumes.
     */
    private void settleAndVerify(String when) {
        FaultTestSupport.Response pause = FaultTestSupport.putJson(GENERATOR + "/generator/rate", "{\"readings_per_second\":0}");
        assertThat(pause).as("PUT :8080/generator/rate 0 answered").isNotNull();
        PipelineLedger.awaitSettled(BOOTSTRAP, WINDOW_MS, output, Duration.ofMinutes(2));
        PipelineLedger.Summary summary = PipelineLedger.read(BOOTSTRAP, WINDOW_MS).verify(output);
        assertThat(summary.fingerprints()).as("fingerprints so far").isPositive();
        System.out.println("[compose-test] " + when + ": no window lost or doubled, every file exact: " + PipelineLedger.describe(summary));
        FaultTestSupport.Response resume = FaultTestSupport.putJson(GENERATOR + "/generator/rate", "{\"readings_per_second\":20}");
        assertThat(resume).as("PUT :8080/generator/rate 20 answered").isNotNull();
    }

    private void keepOutput(Path into) throws IOException {
        if (!Files.isDirectory(output)) {
            return;
        }
        Files.createDirectories(into);
        for (String name : PipelineLedger.fileNames(output)) {
            Files.move(output.resolve(name), into.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.delete(output);
        System.out.println("[compose-test] the saved files moved to " + ROOT.relativize(into) + "; ./output removed");
    }

    private static void nothingLeft(ComposeProject compose) {
        String label = "label=com.docker.compose.project=" + ComposeProject.NAME;
        for (List<String> what : List.of(List.of("ps", "-a"), List.of("volume", "ls"), List.of("network", "ls"))) {
            List<String> command = new ArrayList<>(List.of("docker"));
            command.addAll(what);
            command.addAll(List.of("-q", "--filter", label));
            String left = compose.run(Duration.ofMinutes(1), command).output().strip();
            assertThat(left).as("after down -v: docker " + String.join(" ", what) + " of the project").isEmpty();
        }
        System.out.println("[compose-test] down -v: no container, volume or network of the project left");
    }
}
