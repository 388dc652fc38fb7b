package io.fingerprint.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fingerprint.kafkalocal.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under failure: readings flow in real time while a TaskManager dies, or while the job
 * is stopped with a savepoint and started again from it. Read with read_committed, every
 * (equipment, window) must appear exactly once, with the statistics of exactly its readings.
 */
class FaultToleranceIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

    private static final long WINDOW = 3_000;

    @Test
    void aTaskManagerDiesAfterACheckpointAndTheJobRecoversExactlyOnce(@InjectMiniCluster MiniCluster cluster) throws Exception {
        try (KafkaTestKit kit = new KafkaTestKit(WINDOW); Readings readings = new Readings(kit)) {
            StreamExecutionEnvironment env = FingerprintJob.environment(options(kit));
            kit.job(options(kit)).build(env);
            JobClient job = env.executeAsync("fault-taskmanager");
            try (TopicReader fingerprints = kit.reader(kit.output)) {
                readings.start();
                // committed output means at least one checkpoint completed
                List<ConsumerRecord<String, String>> out = KafkaTestKit.pollUntil(fingerprints, 3, Duration.ofSeconds(60));

                // fresh TaskManagers first, then the two the job runs on die: it must restart
                cluster.startTaskManager();
                cluster.startTaskManager();
                cluster.terminateTaskManager(0).get(30, TimeUnit.SECONDS);
                cluster.terminateTaskManager(1).get(30, TimeUnit.SECONDS);
                // recovered and committing again on the new TaskManagers, with readings still flowing
                await("two checkpoints completed after the restart").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> checkpointsCompletedAfterRestart(cluster, job.getJobID()) >= 2);
                readings.stop();
                assertThat(cluster.getArchivedExecutionGraph(job.getJobID()).get(10, TimeUnit.SECONDS)
                        .getStatusTimestamp(JobStatus.RESTARTING)).as("the job restarted").isPositive();

                kit.assertExactlyTheExpectedFingerprints(drain(fingerprints, kit, out));
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void stopWithASavepointAndResumeLosesAndRepeatsNothing(@TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        try (KafkaTestKit kit = new KafkaTestKit(WINDOW); Readings readings = new Readings(kit);
                TopicReader fingerprints = kit.reader(kit.output)) {
            StreamExecutionEnvironment first = FingerprintJob.environment(options(kit));
            kit.job(options(kit)).build(first);
            JobClient job = first.executeAsync("before-upgrade");
            readings.start();
            List<ConsumerRecord<String, String>> out = KafkaTestKit.pollUntil(fingerprints, 3, Duration.ofSeconds(60));
            String savepoint = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);
            assertThat(savepoint).isNotBlank();

            // the scenario, not a wait: 2 s with no job while readings keep arriving
            Thread.sleep(2_000);
            JobOptions resumed = options(kit, "--from-savepoint", savepoint);
            StreamExecutionEnvironment second = FingerprintJob.environment(resumed);
            kit.job(resumed).build(second);
            JobClient upgraded = second.executeAsync("after-upgrade");
            try {
                // resumed from the savepoint and committing, with readings still flowing
                await("two checkpoints of the resumed job").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> completedCheckpoints(cluster, upgraded.getJobID(), 0) >= 2);
                readings.stop();
                kit.assertExactlyTheExpectedFingerprints(drain(fingerprints, kit, out));
            } finally {
                upgraded.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Checkpoints completed since the job last entered RESTARTING; 0 while it has not restarted. */
    private static long checkpointsCompletedAfterRestart(MiniCluster cluster, JobID job) throws Exception {
        long restarted = graph(cluster, job).getStatusTimestamp(JobStatus.RESTARTING);
        return restarted == 0 ? 0 : completedCheckpoints(cluster, job, restarted);
    }

    /** Checkpoints (not savepoints) of the job that completed and were triggered after {@code afterMillis}. */
    private static long completedCheckpoints(MiniCluster cluster, JobID job, long afterMillis) throws Exception {
        ArchivedExecutionGraph graph = graph(cluster, job);
        CheckpointStatsSnapshot stats = graph.getCheckpointStatsSnapshot();
        if (graph.getState() != JobStatus.RUNNING || stats == null) {
            return 0;
        }
        return stats.getHistory().getCheckpoints().stream()
                .filter(c -> c.getStatus().isCompleted() && !c.getProperties().isSavepoint())
                .mapToLong(AbstractCheckpointStats::getTriggerTimestamp).filter(t -> t > afterMillis).count();
    }

    private static ArchivedExecutionGraph graph(MiniCluster cluster, JobID job) throws Exception {
        return cluster.getArchivedExecutionGraph(job).get(10, TimeUnit.SECONDS);
    }

    private static JobOptions options(KafkaTestKit kit, String... extra) {
        String[] base = {"--window-size", "3s", "--out-of-orderness", "500ms", "--idle-timeout", "3s",
                "--parallelism", "2", "--checkpoint-interval", "1s"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return kit.options(all);
    }

    /**
     * Reads fingerprints until as many distinct windows as were produced are there (the last ones
     * close through the idle-advancing watermark), then three seconds more to catch duplicates.
     */
    private static List<ConsumerRecord<String, String>> drain(TopicReader reader, KafkaTestKit kit,
            List<ConsumerRecord<String, String>> soFar) {
        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>(soFar);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (distinct(records) < kit.expectedWindows() && System.nanoTime() < deadline) {
            records.addAll(reader.readFor(Duration.ofMillis(200)));
        }
        records.addAll(reader.readFor(Duration.ofSeconds(3)));
        return records;
    }

    private static long distinct(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).distinct().count();
    }

    /** Three equipments, two sensors, a reading every 20 ms each, stamped with the wall clock. */
    private static final class Readings implements AutoCloseable {
        private final KafkaTestKit kit;
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        Readings(KafkaTestKit kit) {
            this.kit = kit;
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                Random random = new Random(42);
                while (running.get()) {
                    long now = System.currentTimeMillis();
                    for (long equip = 110; equip <= 112; equip++) {
                        String v1 = random.nextInt(10) == 0 ? "null" : String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() * 100);
                        String v2 = String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() * 100);
                        kit.send(equip, now, Map.of("0001", v1, "0002", v2));
                    }
                    try {
                        Thread.sleep(20); // the input's pace, not a wait
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "readings");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join();
            }
            kit.flush();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
