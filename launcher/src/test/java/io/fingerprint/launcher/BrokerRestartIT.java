package io.fingerprint.launcher;

import static io.fingerprint.launcher.FaultTestSupport.WINDOW_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 4 of the reliability issue: the Kafka broker is stopped (SIGTERM) while readings flow and
 * started again with the same data folder and ports. No part is touched: each must recover by
 * itself. The generator's readiness and the saver's go DOWN and come back UP; the generator counts
 * every reading Kafka never took as failed, none is dropped silently; the Flink job keeps running
 * (or restarts itself); and everything in sensor-data ends up in the fingerprints and files, except
 * readings the job dead-lettered as late, which are accounted for one by one.
 */
class BrokerRestartIT {

    /**
     * The generator's producer gives a record up after 6 s instead of 30 s, so an outage of a few
     * seconds already shows failed sends (the test stays short); the mechanism is the same.
     */
    private static final String DELIVERY_TIMEOUT_MS = "6000";
    /** At most 100 readings/s the generator logs every batch with its size: the exact number emitted. */
    private static final int RATE = 100;
    private static final Pattern BATCH = Pattern.compile("^\\[generator\\] .* Batch #\\d+: sent (\\d+) messages");

    @Test
    void everyPartRecoversFromABrokerRestartAndNothingInKafkaIsLostDownstream(@TempDir Path tmp) throws Exception {
        // the product's default idle timeout: an outage longer than it makes what producers buffered meanwhile late
        PipelineOptions options = FaultTestSupport.options(tmp, RATE, "10s");
        Path output = options.outputDir.toAbsolutePath();
        FaultTestSupport.CapturingLog log = new FaultTestSupport.CapturingLog();
        LocalPipeline pipeline = new LocalPipeline(options, Path.of(".."), log)
                .withEnv("generator", "MP_MESSAGING_OUTGOING_SENSOR_DATA_DELIVERY_TIMEOUT_MS", DELIVERY_TIMEOUT_MS)
                .withEnv("generator", "MP_MESSAGING_OUTGOING_SENSOR_DATA_REQUEST_TIMEOUT_MS", "3000");
        Watch watch = null;
        try {
            pipeline.start();
            String generator = pipeline.generatorUrl();
            String saver = pipeline.saverUrl();
            String generatorReady = generator + "/q/health/ready";
            String saverReady = saver + "/q/health/ready";
            watch = new Watch(generatorReady, saverReady, pipeline.flinkUrl());

            // under load: fingerprints of every equipment saved
            await("files of every equipment").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> equipmentWithFiles(output) >= 5);
            JsonNode before = FaultTestSupport.getJson(generator + "/generator");
            assertThat(before.get("failed").asLong()).as("failed before the broker stops").isZero();
            assertThat(before.get("sent").asLong()).isPositive();

            long stoppedAt = System.currentTimeMillis();
            PipelineFaults.stopKafka(pipeline);
            System.out.println("[test] Kafka stopped in " + (System.currentTimeMillis() - stoppedAt) + " ms");
            Watch w = watch;
            await("generator and saver answer not ready without Kafka").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> w.generatorReady.contains(503) && w.saverReady.contains(503));
            // what Kafka could not take within the delivery timeout (6 s) is counted as failed; the bound is
            // ten times that, for a loaded machine (30 s was once not enough at a load of 7 on 2 cores)
            await("the generator counts failed sends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> FaultTestSupport.getJson(generator + "/generator").get("failed").asLong() > 0);
            await("the generator says it does not reach its rate").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !FaultTestSupport.getJson(generator + "/generator").get("rate_reached").asBoolean());
            System.out.println("[test] generator during the outage: " + FaultTestSupport.getJson(generator + "/generator")
                    + "; readiness so far: generator " + w.generatorReady + ", saver " + w.saverReady);
            assertThat(pipeline.part("generator").isAlive()).isTrue();
            assertThat(pipeline.part("saver").isAlive()).isTrue();
            assertThat(pipeline.part("flink-job").isAlive()).isTrue();

            long restartAt = System.currentTimeMillis();
            PipelineFaults.restartKafka(pipeline);
            long down = System.currentTimeMillis() - stoppedAt;
            System.out.println("[test] Kafka was down " + down + " ms; started again in " + (System.currentTimeMillis() - restartAt) + " ms");
            long backAt = System.currentTimeMillis();
            await("generator and saver ready again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> FaultTestSupport.status(generatorReady) == 200 && FaultTestSupport.status(saverReady) == 200);
            System.out.println("[test] generator and saver ready " + (System.currentTimeMillis() - backAt) + " ms after Kafka was back");
            await("the generator reaches its rate again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> FaultTestSupport.getJson(generator + "/generator").get("rate_reached").asBoolean());
            // end to end again: fingerprints of windows that start after the restart, saved, for every equipment
            long firstWindowAfter = (backAt / WINDOW_MS + 1) * WINDOW_MS;
            await("files of windows after the restart").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> equipmentWithFilesFrom(output, firstWindowAfter) >= 5);
            long failedAfterOutage = FaultTestSupport.getJson(generator + "/generator").get("failed").asLong();

            // stop the input and let everything drain
            assertThat(FaultTestSupport.putJson(generator + "/generator/rate", "{\"readings_per_second\":0}").status()).isEqualTo(200);
            String bootstrap = pipeline.kafkaBootstrap();
            PipelineLedger.awaitSettled(bootstrap, WINDOW_MS, output, Duration.ofSeconds(90));
            JsonNode after = FaultTestSupport.getJson(generator + "/generator");
            watch.close();

            // the generator: every reading it emitted was either acknowledged or counted as failed
            long emitted = emitted(log);
            long sent = after.get("sent").asLong();
            long failed = after.get("failed").asLong();
            System.out.println("[test] generator: emitted " + emitted + ", sent " + sent + ", failed " + failed
                    + " (" + failedAfterOutage + " once files of later windows were saved), throttled " + after.get("throttled").asLong());
            assertThat(failed).as("failed sends").isPositive();
            assertThat(failed).as("no more failures once the pipeline had recovered").isEqualTo(failedAfterOutage);
            assertThat(sent + failed).as("sent + failed = emitted (nothing dropped silently)").isEqualTo(emitted);
            PipelineLedger ledger = PipelineLedger.read(bootstrap, WINDOW_MS);
            Map<String, Long> copies = ledger.readings.stream().collect(Collectors.groupingBy(r -> r.json().toString(), Collectors.counting()));
            assertThat(copies.values()).as("no reading twice in sensor-data (idempotent producer)").allMatch(n -> n == 1);
            // a send that timed out may still have been written before the broker went (its acknowledgement was lost):
            // what failed is an upper bound, what was sent a lower bound, of what reached Kafka
            long inKafka = ledger.readings.size();
            System.out.println("[test] sensor-data holds " + inKafka + " readings: " + (inKafka - sent)
                    + " of the " + failed + " counted as failed reached Kafka all the same");
            assertThat(inKafka).as("readings in sensor-data, between sent and sent + failed").isBetween(sent, sent + failed);

            // readiness went down and came back; the job never gave up
            System.out.println("[test] generator readiness " + watch.generatorReady + ", saver readiness " + watch.saverReady
                    + ", job states " + watch.jobStates + ", job ids " + watch.jobIds);
            assertThat(watch.generatorReady).as("generator readiness over time").startsWith(200).contains(503).endsWith(200);
            assertThat(watch.saverReady).as("saver readiness over time").startsWith(200).contains(503).endsWith(200);
            assertThat(watch.jobIds).as("one job, never resubmitted").hasSize(1);
            assertThat(watch.jobStates).as("job states seen").doesNotContain("FAILING", "FAILED", "CANCELED", "CANCELLING", "FINISHED", "SUSPENDED")
                    .endsWith("RUNNING");
            JsonNode jobs = FaultTestSupport.getJson(pipeline.flinkUrl() + "/jobs/overview").get("jobs");
            assertThat(jobs).hasSize(1);
            assertThat(jobs.get(0).get("state").asText()).isEqualTo("RUNNING");

            // downstream: each window once, exact, late readings accounted for
            PipelineLedger.Summary summary = ledger.verify(output);
            System.out.println("[test] after the broker restart: " + PipelineLedger.describe(summary));
            assertThat(summary.fingerprints()).isGreaterThanOrEqualTo(5 * 4);
        } finally {
            if (watch != null) {
                watch.close();
            }
            pipeline.close();
        }
    }

    /** Readings the generator emitted, from its per-batch log lines. */
    private static long emitted(FaultTestSupport.CapturingLog log) {
        long emitted = 0;
        for (String line : log.lines) {
            Matcher m = BATCH.matcher(line);
            if (m.find()) {
                emitted += Long.parseLong(m.group(1));
            }
        }
        return emitted;
    }

    private static long equipmentWithFiles(Path output) {
        return equipmentWithFilesFrom(output, 0);
    }

    private static long equipmentWithFilesFrom(Path output, long fromMs) {
        return PipelineLedger.fileNames(output).stream()
                .map(PipelineLedger.SAVED_FILE::matcher).filter(Matcher::matches)
                .filter(m -> Long.parseLong(m.group(2)) >= fromMs)
                .map(m -> PipelineLedger.readJson(output.resolve(m.group())).get("fingerprint").get("equip_id").asText())
                .distinct().count();
    }

    /** Polls readiness of both services and the job's state, each in its own thread, keeping each change. */
    private static final class Watch implements AutoCloseable {
        final List<Integer> generatorReady = new CopyOnWriteArrayList<>();
        final List<Integer> saverReady = new CopyOnWriteArrayList<>();
        final List<String> jobStates = new CopyOnWriteArrayList<>();
        final Set<String> jobIds = ConcurrentHashMap.newKeySet();
        private volatile boolean running = true;
        private final List<Thread> threads = new ArrayList<>();

        Watch(String generatorReady, String saverReady, String flinkUrl) {
            poll("generator-ready-watch", () -> changed(this.generatorReady, FaultTestSupport.status(generatorReady)));
            poll("saver-ready-watch", () -> changed(this.saverReady, FaultTestSupport.status(saverReady)));
            poll("job-watch", () -> {
                FaultTestSupport.Response jobs = FaultTestSupport.get(flinkUrl + "/jobs/overview");
                if (jobs != null && jobs.status() == 200) {
                    for (JsonNode job : jobs.json().get("jobs")) {
                        jobIds.add(job.get("jid").asText());
                        changed(jobStates, job.get("state").asText());
                    }
                } else {
                    changed(jobStates, "no answer");
                }
            });
        }

        private void poll(String name, Runnable once) {
            Thread thread = new Thread(() -> {
                while (running) {
                    try {
                        once.run();
                    } catch (AssertionError interrupted) {
                        return;
                    }
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }

        private static <T> void changed(List<T> seen, T now) {
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
                seen.add(now);
            }
        }

        @Override
        public void close() {
            running = false;
            for (Thread thread : threads) {
                thread.interrupt();
                try {
                    thread.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
