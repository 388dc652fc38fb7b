package io.fingerprint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * 8. Each service as its jar on the JVM and as its native executable, one after the other against
 * the same broker, with the same options: process start to readiness UP, RSS idle, RSS at a stream
 * of 10 000 readings/s, and what limits it: the generator's highest sustained rate (as 5a), the
 * saver's join throughput (as 6a).
 */
final class ServicesBench {

    record GeneratorFigures(Packaged generator, double readySeconds, long idleRssMb, long loadedRssMb, GeneratorBench.Interval loaded,
                            GeneratorBench.Interval highest, long sent) {
    }

    record SaverFigures(Packaged saver, double readySeconds, long idleRssMb, long loadedRssMb, PacedReplay.Result replay, SaverBench.Saved saved,
                        SaverBench.JoinResult join) {
    }

    private ServicesBench() {
    }

    static GeneratorFigures generator(Packaged generator, String bootstrap, BenchOptions o, String run) throws Exception {
        String name = "services-generator-" + generator.mode().toLowerCase(Locale.ROOT);
        String topic = "bench-" + name + "-" + run;
        Artifacts.createTopics(bootstrap, Map.of(topic, o.partitions));
        int port = Jvm.freePort();
        String url = "http://localhost:" + port;
        long t0 = System.nanoTime();
        try (Jvm process = GeneratorBench.start(generator, name, bootstrap, topic, port, run)) {
            process.awaitUp(url + "/q/health/ready", Duration.ofMinutes(2));
            double ready = Benchmark.seconds(t0);
            GeneratorBench.settle(url); // idle: started at rate 0, nothing in flight
            long idle = Rss.mb(process.pid());
            GeneratorBench.Interval loaded;
            long loadedRss;
            try (Rss.Peak rss = new Rss.Peak(process.pid())) {
                loaded = GeneratorBench.sustained(url, o.servicesRate, o.generatorWarmup, o.servicesInterval);
                loadedRss = rss.maxMb();
            }
            GeneratorBench.Interval highest = GeneratorBench.sustained(url, o.generatorRate, o.generatorWarmup, o.generatorInterval);
            JsonNode last = GeneratorBench.pause(process, url);
            long sent = last.get("sent").asLong();
            GeneratorBench.checkTopic(bootstrap, topic, sent, highest);
            return new GeneratorFigures(generator, ready, idle, loadedRss, loaded, highest, sent);
        }
    }

    /**
     * The saver on its own sensor topic, into which {@link PacedReplay} streams the preloaded readings
     * (with {@code stream}'s fingerprints as the job would emit them); then 6a's join with {@code join}.
     */
    static SaverFigures saver(Packaged saver, String bootstrap, BenchData data, SaverBench.Fingerprints stream, SaverBench.Fingerprints join,
                              BenchOptions o, String run) throws Exception {
        String name = "services-saver-" + saver.mode().toLowerCase(Locale.ROOT);
        String sensorTopic = "bench-" + name + "-sensor-data-" + run;
        String fpTopic = "bench-" + name + "-fingerprints-" + run;
        Artifacts.createTopics(bootstrap, Map.of(sensorTopic, o.partitions, fpTopic, 1, SaverBench.dlqTopic(name, run), 1));
        Path output = Artifacts.tempDir("bench-services-saver-");
        int port = Jvm.freePort();
        String url = "http://localhost:" + port;
        double ready;
        long idle;
        long loadedRss;
        PacedReplay.Result replay;
        SaverBench.Saved saved;
        try {
            long t0 = System.nanoTime();
            try (Jvm process = Jvm.start(name, saver.command("-Xmx" + SaverBench.SAVER_HEAP),
                    SaverBench.saverEnv(bootstrap, port, output, sensorTopic, fpTopic, run, name), Artifacts.logDir(run), false)) {
                process.awaitUp(url + "/q/health/ready", Duration.ofMinutes(2));
                ready = Benchmark.seconds(t0);
                awaitIdle(process, url);
                idle = Rss.mb(process.pid());
                try (Rss.Peak rss = new Rss.Peak(process.pid())) {
                    replay = PacedReplay.run(bootstrap, data.topic, sensorTopic, stream, fpTopic, o.servicesRate, o.servicesInterval,
                            Duration.ofSeconds(10)); // the job's default out-of-orderness
                    loadedRss = rss.maxMb();
                }
                SaverBench.awaitFiles(process, output, replay.released().size(), Duration.ofMinutes(3));
                saved = SaverBench.check(output, replay.released(), data);
            }
        } finally {
            Artifacts.deleteRecursively(output);
        }
        SaverBench.JoinResult joined = SaverBench.joinAndSave(saver, name + "-join", bootstrap, data, join, run);
        return new SaverFigures(saver, ready, idle, loadedRss, replay, saved, joined);
    }

    /** Idle: no fingerprint waiting and nothing queued for the writer (the saver's own gauges). */
    private static void awaitIdle(Jvm saver, String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Double> gauges = SaverBench.gauges(url);
            if (Double.valueOf(0).equals(gauges.get("saver_fingerprints_waiting")) && Double.valueOf(0).equals(gauges.get("saver_writer_queued"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw saver.failure("the saver's gauges did not show it idle within 30 s: " + SaverBench.gauges(url));
    }
}
