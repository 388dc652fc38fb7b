package io.fingerprint.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.job.output.DeadLetter;
import io.fingerprint.formats.fingerprint.Fingerprint;
import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.SensorSummary;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole dataflow on a Flink MiniCluster with an in-memory source and collecting sinks. */
class FingerprintJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long T0 = 1_700_000_000_000L; // a multiple of the 10 s window

    @Test
    void oneFingerprintPerEquipmentAndWindowWithExactStatistics() throws Exception {
        List<String> payloads = List.of(
                reading(110, T0 + 1_000, "\"0001\":\"10\",\"0002\":\"1\""),
                reading(110, T0 + 3_000, "\"0001\":\"20\",\"0002\":\"null\""),
                "garbage",
                reading(111, T0 + 5_000, "\"0001\":5,\"0003\":null"),
                reading(113, T0 + 5_000, "\"0001\":\"null\",\"0002\":null"),
                reading(110, T0 + 9_999, "\"0001\":\"30\""),
                reading(110, T0 + 10_000, "\"0001\":\"40\""),
                reading(110, T0 + 12_000, "\"0001\":\"abc\",\"0002\":\"2.5\""),
                "{\"equip_id\":110,\"data\":{}}");

        JobOptions options = JobOptions.parse("--window-size", "10s", "--out-of-orderness", "2s",
                "--parallelism", "1", "--equipment-types", "111=mill");
        CollectSink<Fingerprint> fingerprints = new CollectSink<>();
        CollectSink<DeadLetter> deadLetters = new CollectSink<>();
        StreamExecutionEnvironment env = FingerprintJob.environment(options);
        new FingerprintJob(options, PayloadSource.of(payloads), fingerprints, deadLetters).execute(env);

        List<Fingerprint> out = fingerprints.results().stream()
                .sorted(Comparator.comparingLong((Fingerprint f) -> f.startMs).thenComparingLong(f -> f.equipId)).toList();
        assertThat(out).containsExactly(
                Fingerprint.of(110, "kiln", T0, T0 + 10_000, new SensorSummary[] {
                    new SensorSummary("0001", 10, 30, 20, 20, Math.sqrt(200.0 / 3), 3),
                    new SensorSummary("0002", 1, 1, 1, 1, 0, 1)},
                    new InputRange[] {new InputRange("sensor-data", 0, 0, 5, 3)}),
                Fingerprint.of(111, "mill", T0, T0 + 10_000, new SensorSummary[] {
                    new SensorSummary("0001", 5, 5, 5, 5, 0, 1)},
                    new InputRange[] {new InputRange("sensor-data", 0, 3, 3, 1)}),
                Fingerprint.of(110, "kiln", T0 + 10_000, T0 + 20_000, new SensorSummary[] {
                    new SensorSummary("0001", 40, 40, 40, 40, 0, 1),
                    new SensorSummary("0002", 2.5, 2.5, 2.5, 2.5, 0, 1)},
                    new InputRange[] {new InputRange("sensor-data", 0, 6, 7, 2)}));
        // inputs: the payloads' offsets (PayloadSource numbers them from 0), only this equipment's and window's
        // equipment 113 had only nulls: no fingerprint

        assertThat(deadLetters.results()).hasSize(3);
        // the record with "abc": its 0002 value counted above, the record itself dead-lettered raw with the reason
        assertThat(deadLetters.results()).anySatisfy(d -> {
            assertThat(d.reason).isEqualTo("1 value rejected: sensor \"0001\": \"abc\" is not a plain decimal number;"
                    + " the record's other values were used");
            assertThat(d.offset).isEqualTo(7);
            assertThat(d.payload).isEqualTo(payloads.get(7));
        });
        assertThat(deadLetters.results()).anySatisfy(d -> {
            assertThat(d.reason).startsWith("invalid JSON: Unrecognized token 'garbage'");
            assertThat(d.payload).isEqualTo("garbage");
            assertThat(d.offset).isEqualTo(2);
        });
        assertThat(deadLetters.results()).anySatisfy(d -> assertThat(d.reason).isEqualTo("missing timestamp"));
    }

    static String reading(long equip, long timestamp, String data) {
        return "{\"equip_id\":" + equip + ",\"timestamp\":" + timestamp + ",\"data\":{" + data + "}}";
    }
}
