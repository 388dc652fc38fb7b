package io.fingerprint.launcher;

import static io.fingerprint.launcher.FaultTestSupport.WINDOW_MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline with bad input interleaved with the generator's readings: malformed records,
 * records with a value that is not a number (their other values count), and late readings (behind
 * the watermark, in Kafka before the saver writes their window's file). Every saved file's
 * {@code input_records} must be exactly the window's readings that were neither late nor rejected and
 * recompute its statistics, counts included; every late and every rejected record must be in the
 * dead-letter topic once, raw, with its reason ({@link PipelineLedger#verify}).
 *
 * <p>The saver is down while the bad records are sent, so the windows that close meanwhile get their
 * files only after it is back: their late readings are in Kafka before the file is written, whatever
 * the timing, which is the case a join by time got wrong.
 */
class BadAndLateInputIT {

    /** How long bad records are sent, at {@link #EVERY_MS} apart, while the generator runs. */
    private static final Duration INJECTING = Duration.ofSeconds(20);
    private static final long EVERY_MS = 250;

    private record Sent(String kind, long timestamp, RecordMetadata metadata) {
    }

    @Test
    void lateMalformedAndBadValueRecordsAreDeadLetteredAndInNoFile(@TempDir Path tmp) throws Exception {
        PipelineOptions options = FaultTestSupport.options(tmp, 200, "3s");
        Path output = options.outputDir.toAbsolutePath();
        try (LocalPipeline pipeline = new LocalPipeline(options, Path.of(".."), System.out)) {
            pipeline.start();
            List<Long> equipment = new ArrayList<>();
            FaultTestSupport.getJson(pipeline.generatorUrl() + "/generator").get("equipment_ids").forEach(e -> equipment.add(e.asLong()));
            String bootstrap = pipeline.kafkaBootstrap();

            PipelineFaults.kill(pipeline, "saver");
            List<Sent> sent = new ArrayList<>();
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                long until = System.currentTimeMillis() + INJECTING.toMillis();
                for (int i = 0; System.currentTimeMillis() < until; i++) {
                    long equip = equipment.get(i % equipment.size());
                    long now = System.currentTimeMillis();
                    // the kind by turn; the late ones 2 s behind (late or not, by where in its window "now" falls)
                    // and 12 s behind (always late: two windows closed)
                    String kind = switch (i % 5) {
                        case 0 -> "malformed";
                        case 1 -> "missing timestamp";
                        case 2 -> "bad value";
                        case 3 -> "2 s behind";
                        default -> "12 s behind";
                    };
                    long timestamp = switch (kind) {
                        case "2 s behind" -> now - 2_000;
                        case "12 s behind" -> now - 12_000;
                        default -> now;
                    };
                    String value = switch (kind) {
                        case "malformed" -> "{\"equip_id\":" + equip + ",\"timestamp\":" + timestamp + ",\"data\":{\"0001\":\"1\"}";
                        case "missing timestamp" -> "{\"equip_id\":" + equip + ",\"data\":{\"0001\":\"1\"}}";
                        case "bad value" -> "{\"equip_id\":" + equip + ",\"timestamp\":" + timestamp + ",\"data\":{\"0001\":\"12abc\",\"0002\":\"5.5\"}}";
                        default -> "{\"equip_id\":" + equip + ",\"timestamp\":" + timestamp + ",\"data\":{\"0001\":\"" + (1000 + i) + ".5\"}}";
                    };
                    RecordMetadata metadata = producer.send(new ProducerRecord<>("sensor-data", Long.toString(equip), value)).get();
                    sent.add(new Sent(kind, timestamp, metadata));
                    Thread.sleep(EVERY_MS); // the pace of the injection, not a wait for anything
                }
            }

            assertThat(FaultTestSupport.putJson(pipeline.generatorUrl() + "/generator/rate", "{\"readings_per_second\":0}").status())
                    .isEqualTo(200);
            PipelineFaults.restartSaver(pipeline);
            PipelineLedger.awaitSettled(bootstrap, WINDOW_MS, output, Duration.ofSeconds(90));
            PipelineLedger ledger = PipelineLedger.read(bootstrap, WINDOW_MS);
            PipelineLedger.Summary summary = ledger.verify(output);
            System.out.println("[test] with bad and late input: " + PipelineLedger.describe(summary));

            long rejectedSent = sent.stream().filter(s -> s.kind().equals("malformed") || s.kind().equals("missing timestamp")).count();
            assertThat(summary.rejectedRecords()).as("records the parser rejects whole: exactly those sent malformed").isEqualTo((int) rejectedSent);
            long alwaysLate = sent.stream().filter(s -> s.kind().equals("12 s behind")).count();
            assertThat(summary.lateReadings()).as("late readings dead-lettered").isGreaterThanOrEqualTo((int) alwaysLate);
            assertThat(ledger.deadLetters).filteredOn(d -> d.get("reason").asText()
                            .equals("1 value rejected: sensor \"0001\": \"12abc\" is not a plain decimal number; the record's other values were used"))
                    .hasSize((int) sent.stream().filter(s -> s.kind().equals("bad value")).count());
            // their good value (0002 = 5.5) is in the statistics of their windows: the ledger checked each; here that some exist
            assertThat(ledger.fingerprints).anySatisfy(f -> assertThat(f.get("data").has("0002")).isTrue());

            // late readings were in Kafka before the file of their window was written: the saver left them out anyway
            Map<PipelineLedger.Window, JsonNode> fingerprints = ledger.fingerprintsByWindow();
            Map<PipelineLedger.Window, List<PipelineLedger.Reading>> late = ledger.lateByWindow();
            int beforeTheFile = 0;
            for (Sent s : sent) {
                if (!s.kind().endsWith("behind")) {
                    continue;
                }
                PipelineLedger.Window window = late.entrySet().stream()
                        .filter(e -> e.getValue().stream().anyMatch(r -> r.partition() == s.metadata().partition() && r.offset() == s.metadata().offset()))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                JsonNode f = window == null ? null : fingerprints.get(window);
                if (f != null) {
                    Path file = output.resolve(f.get("uuid").asText() + "_" + f.get("start_ms").asLong() + "_" + f.get("end_ms").asLong() + ".json");
                    if (Files.getLastModifiedTime(file).toMillis() > s.metadata().timestamp()) {
                        beforeTheFile++;
                    }
                }
            }
            System.out.println("[test] late readings in Kafka before their window's file was written: " + beforeTheFile);
            assertThat(beforeTheFile).as("late readings appended before their window's file was written").isPositive();
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
