package io.fingerprint.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flink-job/docker/run-job.sh, the image's entry point, run with bash against a stand-in for Flink's. */
class RunJobScriptTest {
    static final String SCRIPT = "flink-job/docker/run-job.sh";
    /** The fixed job id compose and k8s give the JobManager: the checkpoints' folder name. */
    static final String JOB_ID = FlinkCli.parseStandaloneJob(
            ComposeTest.jobManagerCommand().subList(1, ComposeTest.jobManagerCommand().size())).jobId();

    @TempDir
    Path dir;

    static String defaultDir(String variable) {
        Matcher m = Pattern.compile(variable + "=\"\\$\\{" + variable + ":-([^}]+)}\"").matcher(Repo.read(SCRIPT));
        assertThat(m.find()).as(variable + " default in " + SCRIPT).isTrue();
        return m.group(1);
    }

    private String run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "bash needed");
        Path stub = dir.resolve("flink-entrypoint.sh");
        Files.writeString(stub, "#!/bin/sh\necho \"FLINK $*\"\n");
        stub.toFile().setExecutable(true);
        List<String> command = new ArrayList<>(List.of("bash", Repo.path(SCRIPT).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("FLINK_ENTRYPOINT", stub.toString());
        pb.environment().put("CHECKPOINT_DIR", dir.resolve("checkpoints").toString());
        pb.environment().put("SAVEPOINT_DIR", dir.resolve("savepoints").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("FLINK ")).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    private Path metadata(String relative, long epochSecond) throws IOException {
        Path file = dir.resolve(relative).resolve("_metadata");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(epochSecond)));
        return file.getParent();
    }

    @Test
    void everyCommandFirstFillsTheWritableConfigurationFromTheImagesOwn() throws Exception {
        // the image's conf/ links to FLINK_WRITABLE_CONF (the root file system is read-only), and Flink's
        // entry point rewrites config.yaml there at every start: each start begins from the image's files
        Path template = dir.resolve("conf.image");
        Files.createDirectories(template);
        Files.writeString(template.resolve("config.yaml"), "rest.address: 0.0.0.0\n");
        Files.writeString(template.resolve("log4j-console.properties"), "rootLogger.level = INFO\n");
        Path writable = dir.resolve("tmp/flink-conf");
        Map<String, String> env = Map.of("FLINK_CONF_TEMPLATE", template.toString(), "FLINK_WRITABLE_CONF", writable.toString());
        assertThat(run(env, "taskmanager")).isEqualTo("FLINK taskmanager");
        assertThat(writable.resolve("log4j-console.properties")).hasContent("rootLogger.level = INFO");
        Files.writeString(writable.resolve("config.yaml"), "written by the last start\n");
        assertThat(run(env, "standalone-job", "--job-id", JOB_ID)).isEqualTo("FLINK standalone-job --job-id " + JOB_ID);
        assertThat(writable.resolve("config.yaml")).hasContent("rest.address: 0.0.0.0");
    }

    @Test
    void otherCommandsPassStraightThrough() throws Exception {
        assertThat(run(Map.of(), "taskmanager")).isEqualTo("FLINK taskmanager");
    }

    @Test
    void startsWithoutStateWhenThereIsNone() throws Exception {
        assertThat(run(Map.of(), "standalone-job", "--job-id", JOB_ID, "--parallelism", "2"))
                .isEqualTo("FLINK standalone-job --job-id " + JOB_ID + " --parallelism 2");
    }

    @Test
    void resumesFromTheHighestCompleteCheckpointOfTheJob() throws Exception {
        metadata("checkpoints/" + JOB_ID + "/chk-9", 1_000);
        Path chk10 = metadata("checkpoints/" + JOB_ID + "/chk-10", 900);
        Files.createDirectories(dir.resolve("checkpoints/" + JOB_ID + "/chk-11")); // in progress: no _metadata
        metadata("checkpoints/0000000000000000000000000000abcd/chk-50", 2_000); // another job
        assertThat(run(Map.of(), "standalone-job", "--job-id", JOB_ID, "--parallelism", "2"))
                .isEqualTo("FLINK standalone-job --fromSavepoint " + chk10 + " --job-id " + JOB_ID + " --parallelism 2");
    }

    @Test
    void aNewerSavepointWinsAnOlderOneLoses() throws Exception {
        Path checkpoint = metadata("checkpoints/" + JOB_ID + "/chk-3", 1_000);
        Path savepoint = metadata("savepoints/savepoint-934.9de2-aaaa", 2_000);
        metadata("savepoints/savepoint-934.9de2-bbbb", 500);
        assertThat(run(Map.of(), "standalone-job", "--job-id", JOB_ID)).contains("--fromSavepoint " + savepoint + " ");
        Files.setLastModifiedTime(checkpoint.resolve("_metadata"), FileTime.from(Instant.ofEpochSecond(3_000)));
        assertThat(run(Map.of(), "standalone-job", "--job-id", JOB_ID)).contains("--fromSavepoint " + checkpoint + " ");
    }

    @Test
    void restoreFromOverridesAndExplicitArgumentsWin() throws Exception {
        metadata("checkpoints/" + JOB_ID + "/chk-3", 1_000);
        assertThat(run(Map.of("RESTORE_FROM", "none"), "standalone-job", "--job-id", JOB_ID))
                .isEqualTo("FLINK standalone-job --job-id " + JOB_ID);
        assertThat(run(Map.of("RESTORE_FROM", "/x/savepoint-1", "ALLOW_NON_RESTORED_STATE", "true"), "standalone-job", "--job-id", JOB_ID))
                .isEqualTo("FLINK standalone-job --fromSavepoint /x/savepoint-1 --allowNonRestoredState --job-id " + JOB_ID);
        assertThat(run(Map.of(), "standalone-job", "--fromSavepoint", "/y", "--job-id", JOB_ID))
                .isEqualTo("FLINK standalone-job --fromSavepoint /y --job-id " + JOB_ID);
    }

    @Test
    void whatItAddsFlinkStillParsesBeforeTheJobArguments() throws Exception {
        metadata("checkpoints/" + JOB_ID + "/chk-3", 1_000);
        List<String> command = ComposeTest.jobManagerCommand();
        String line = run(Map.of(), command.toArray(String[]::new));
        List<String> args = List.of(line.substring("FLINK standalone-job ".length()).split(" "));
        var parsed = FlinkCli.parseStandaloneJob(args);
        assertThat(parsed.savepoint()).isEqualTo(dir.resolve("checkpoints/" + JOB_ID + "/chk-3").toString());
        assertThat(parsed.jobArgs()).isEqualTo(ComposeTest.jobArgs());
        assertThat(parsed.jobId()).isEqualTo(JOB_ID);
    }
}
