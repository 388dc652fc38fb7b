package io.fingerprint.launcher;

import static io.fingerprint.launcher.FaultTestSupport.WINDOW_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fingerprint.kafkalocal.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 3 of the reliability issue: the saver is killed with SIGKILL several times, at random
 * moments while it works, while the generator and the Flink job run; each time it is started again
 * with the same output folder and consumer group. Afterwards every fingerprint in
 * {@code fingerprint-output} has exactly one file, complete and exactly as a clean run writes it,
 * and no temporary file was ever listed or served.
 *
 * <p>The kill moments come from a seeded random; the seed is printed, {@code -Dsaver.kill.seed=N} repeats a run.
 */
class SaverKilledRepeatedlyIT {

    private static final int KILLS = 3;

    @Test
    void killedAtRandomMomentsTheSaverStillLeavesExactlyOneCompleteFilePerFingerprint(@TempDir Path tmp) throws Exception {
        long seed = Long.getLong("saver.kill.seed", System.nanoTime());
        System.out.println("[test] saver kill seed " + seed + " (repeat with -Dsaver.kill.seed=" + seed + ")");
        Random random = new Random(seed);

        PipelineOptions options = FaultTestSupport.options(tmp, 300, "3s");
        Path output = options.outputDir.toAbsolutePath();
        FaultTestSupport.CapturingLog log = new FaultTestSupport.CapturingLog();
        LocalPipeline pipeline = new LocalPipeline(options, Path.of(".."), log);
        try (pipeline; SaverApiWatcher watcher = startWatcher(pipeline, output)) {
            List<String> kills = new ArrayList<>();
            for (int kill = 1; kill <= KILLS; kill++) {
                // each saver kept its files: wait until this one works (has saved), then kill it at a random moment
                int savesBefore = saves(log);
                await("a save by saver #" + kill).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> saves(log) > savesBefore);
                // 0-8 s: some savers die before their first offset commit (every 5 s), some after;
                // the random kill moment is the scenario, not a wait for anything
                long delay = random.nextInt(8_000);
                Thread.sleep(delay);
                long pid = pipeline.part("saver").pid();
                int files = PipelineLedger.fileNames(output).size();
                PipelineFaults.kill(pipeline, "saver");
                kills.add("pid " + pid + " " + delay + " ms after its first save, " + files + " files in the folder");
                System.out.println("[test] SIGKILL #" + kill + " of the saver: " + kills.get(kills.size() - 1));
                PipelineFaults.restartSaver(pipeline);
            }
            int savesBefore = saves(log);
            await("a save by the last saver").atMost(Duration.ofSeconds(60)).until(() -> saves(log) > savesBefore);

            // stop the input; the last windows close (out-of-orderness + idle timeout) and are saved
            assertThat(FaultTestSupport.putJson(pipeline.generatorUrl() + "/generator/rate", "{\"readings_per_second\":0}").status())
                    .isEqualTo(200);
            String bootstrap = pipeline.kafkaBootstrap();
            PipelineLedger.awaitSettled(bootstrap, WINDOW_MS, output, Duration.ofSeconds(90));
            await("every fingerprint acknowledged (offsets committed)").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEverythingCommitted(bootstrap));
            watcher.close();
            System.out.println("[test] where each saver started reading fingerprint-output: " + log.lines.stream()
                    .filter(l -> l.startsWith("[saver] ") && l.contains("Initialize record store"))
                    .map(l -> l.substring(l.indexOf("Initialize"))).toList());

            PipelineLedger ledger = PipelineLedger.read(bootstrap, WINDOW_MS);
            PipelineLedger.Summary summary = ledger.verify(output);
            System.out.println("[test] after " + KILLS + " kills (seed " + seed + "): " + PipelineLedger.describe(summary)
                    + "; the API was listed " + watcher.listings + " times, " + watcher.unanswered + " polls unanswered, "
                    + watcher.served.size() + " documents served, " + watcher.tempFilesSeen.size() + " temporary files seen");
            assertThat(summary.fingerprints()).as("fingerprints over the run").isGreaterThanOrEqualTo(5 * 6);
            assertThat(watcher.problems).as("what the API listed and served while the saver was killed").isEmpty();
            assertThat(watcher.listings.get()).as("listings that answered").isGreaterThan(10);
            assertThat(watcher.unanswered.get()).as("polls while a saver was down (the kills happened)").isPositive();
            // whatever was served during the kills is what the folder finally holds: nothing half, nothing different
            Map<String, JsonNode> finalDocs = new HashMap<>();
            for (String name : PipelineLedger.fileNames(output)) {
                finalDocs.put(name.substring(0, 36), PipelineLedger.readJson(output.resolve(name)));
            }
            assertThat(watcher.served).as("documents served during the run").isNotEmpty();
            watcher.served.forEach((uuid, doc) -> assertThat(doc).as("served %s = its final file", uuid).isEqualTo(finalDocs.get(uuid)));
        }
    }

    private static SaverApiWatcher startWatcher(LocalPipeline pipeline, Path output) {
        pipeline.start();
        return new SaverApiWatcher(pipeline.saverUrl(), output);
    }

    /** "Saved …" lines of every saver so far. */
    private static int saves(FaultTestSupport.CapturingLog log) {
        return (int) log.lines.stream().filter(l -> l.startsWith("[saver] ") && l.contains(" Saved ")).count();
    }

    /** The saver's group has committed past the last fingerprint of every partition. */
    private static void assertEverythingCommitted(String bootstrap) throws Exception {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(bootstrap, "fingerprint-output")) {
            next.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("fingerprint-saver")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            next.forEach((tp, offset) -> assertThat(committed.get(tp)).as("committed offset of %s", tp).isNotNull()
                    .extracting(OffsetAndMetadata::offset).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LONG)
                    .isGreaterThanOrEqualTo(offset));
        }
    }
}
