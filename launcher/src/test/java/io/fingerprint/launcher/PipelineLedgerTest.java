package io.fingerprint.launcher;

import static io.fingerprint.launcher.PipelineLedger.parse;
import static io.fingerprint.launcher.PipelineLedger.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault tests' checks catch what they are meant to: each broken case below must fail them. */
class PipelineLedgerTest {

    private static final long W = 5_000;
    private static final String UUID = "8d0d5e6c-0000-3000-8000-000000000001";
    private static final String R1 = "{\"equip_id\":110,\"timestamp\":1000,\"data\":{\"0001\":\"1.5\",\"0002\":\"null\"}}";
    private static final String R2 = "{\"equip_id\":110,\"timestamp\":2000,\"data\":{\"0001\":\"2.5\",\"0002\":null}}";
    /** Statistics of R1 and R2: 1.5 and 2.5. */
    private static final String BOTH = "{\"0001\":{\"min\":1.5,\"max\":2.5,\"median\":2.0,\"mean\":2.0,\"std_dev\":0.5,\"count\":2}}";
    /** Statistics of R1 alone. */
    private static final String FIRST = "{\"0001\":{\"min\":1.5,\"max\":1.5,\"median\":1.5,\"mean\":1.5,\"std_dev\":0.0,\"count\":1}}";

    @TempDir
    Path dir;

    @Test
    void aCleanRunPasses() throws Exception {
        save(fingerprint(BOTH), R1, R2);
        PipelineLedger.Summary s = ledger(List.of(), fingerprint(BOTH)).verify(dir);
        assertThat(s.fingerprints()).isEqualTo(1);
        assertThat(ledger(List.of(), fingerprint(BOTH)).settled(dir)).isTrue();
    }

    @Test
    void aMissingFileFails() {
        assertThat(ledger(List.of(), fingerprint(BOTH)).settled(dir)).isFalse();
        assertThatThrownBy(() -> ledger(List.of(), fingerprint(BOTH)).verify(dir)).hasMessageContaining("uuids of the saved files");
    }

    @Test
    void aTemporaryFileLeftFails() throws Exception {
        save(fingerprint(BOTH), R1, R2);
        Files.writeString(dir.resolve(".tmp-123.json"), "{");
        assertThatThrownBy(() -> ledger(List.of(), fingerprint(BOTH)).verify(dir)).hasMessageContaining("temporary files");
    }

    @Test
    void aFileMissingAReadingFails() throws Exception {
        save(fingerprint(BOTH), R1);
        assertThatThrownBy(() -> ledger(List.of(), fingerprint(BOTH)).verify(dir)).hasMessageContaining("input_records");
    }

    @Test
    void wrongStatisticsFail() throws Exception {
        String wrong = BOTH.replace("\"mean\":2.0", "\"mean\":2.1");
        save(fingerprint(wrong), R1, R2);
        assertThatThrownBy(() -> ledger(List.of(), fingerprint(wrong)).verify(dir)).hasMessageContaining("mean");
    }

    @Test
    void aFingerprintTwiceInTheTopicFails() throws Exception {
        save(fingerprint(BOTH), R1, R2);
        assertThatThrownBy(() -> ledger(List.of(), fingerprint(BOTH), fingerprint(BOTH)).verify(dir))
                .hasMessageContaining("more than once");
    }

    @Test
    void aWindowWithReadingsButNoFingerprintFailsUnlessAllItsReadingsWereLate() throws Exception {
        save(fingerprint(BOTH), R1, R2);
        String r3 = "{\"equip_id\":110,\"timestamp\":6000,\"data\":{\"0001\":\"7.25\"}}";
        List<PipelineLedger.Reading> readings = new ArrayList<>(List.of(reading(0, 0, R1), reading(0, 1, R2), reading(0, 2, r3)));
        PipelineLedger missing = PipelineLedger.of(W, readings, List.of(), List.of(fingerprint(BOTH)));
        assertThat(missing.settled(dir)).isFalse();
        assertThatThrownBy(() -> missing.verify(dir)).hasMessageContaining("no fingerprint");

        PipelineLedger late = PipelineLedger.of(W, readings, List.of(late(2, 110, 6000, "{\"0001\":\"7.25\"}")), List.of(fingerprint(BOTH)));
        assertThat(late.settled(dir)).isTrue();
        assertThat(late.verify(dir).windowsOnlyLate()).isEqualTo(1);
    }

    @Test
    void aLateReadingIsLeftOutOfTheStatisticsAndOutOfTheSavedInputs() throws Exception {
        JsonNode lateR2 = late(1, 110, 2000, "{\"0001\":\"2.5\"}");
        save(fingerprint(FIRST), R1);
        PipelineLedger.Summary s = ledger(List.of(lateR2), fingerprint(FIRST)).verify(dir);
        assertThat(s.lateReadings()).isEqualTo(1);
        // a file holding the late reading is wrong
        Files.delete(dir.resolve(UUID + "_0_5000.json"));
        save(fingerprint(FIRST), R1, R2);
        assertThatThrownBy(() -> ledger(List.of(lateR2), fingerprint(FIRST)).verify(dir)).hasMessageContaining("that were not late");
        // and so is one missing a reading that was not late
        Files.delete(dir.resolve(UUID + "_0_5000.json"));
        save(fingerprint(FIRST), R2);
        assertThatThrownBy(() -> ledger(List.of(lateR2), fingerprint(FIRST)).verify(dir)).hasMessageContaining("that were not late");
    }

    @Test
    void aLateDeadLetterWithoutItsReadingFails() throws Exception {
        save(fingerprint(BOTH), R1, R2);
        assertThatThrownBy(() -> ledger(List.of(late(5, 110, 3000, "{\"0001\":\"9.0\"}")), fingerprint(BOTH)).verify(dir))
                .hasMessageContaining("late dead letter");
        // naming a reading that is there, but carrying other values
        assertThatThrownBy(() -> ledger(List.of(late(1, 110, 2000, "{\"0001\":\"9.0\"}")), fingerprint(BOTH)).verify(dir))
                .hasMessageContaining("late dead letter");
    }

    @Test
    void aRejectedRecordMustBeDeadLetteredOnceWithItsReasonAndInNoFile() throws Exception {
        PipelineLedger.Rejected bad = new PipelineLedger.Rejected(0, 2, "not json", "invalid JSON: Unrecognized token 'not'");
        JsonNode deadLetter = rejection(2, "not json", bad.reason());
        List<PipelineLedger.Reading> readings = List.of(reading(0, 0, R1), reading(0, 1, R2));
        save(fingerprint(BOTH), R1, R2);
        PipelineLedger.Summary s = PipelineLedger.of(W, readings, List.of(bad), List.of(deadLetter), List.of(fingerprint(BOTH))).verify(dir);
        assertThat(s.rejectedRecords()).isEqualTo(1);
        assertThatThrownBy(() -> PipelineLedger.of(W, readings, List.of(bad), List.of(), List.of(fingerprint(BOTH))).verify(dir))
                .hasMessageContaining("without a dead letter");
        assertThatThrownBy(() -> PipelineLedger.of(W, readings, List.of(bad), List.of(deadLetter, deadLetter), List.of(fingerprint(BOTH)))
                .verify(dir)).hasMessageContaining("a second dead letter");
        assertThatThrownBy(() -> PipelineLedger.of(W, readings, List.of(bad), List.of(rejection(2, "not json", "missing data")),
                List.of(fingerprint(BOTH))).verify(dir)).hasMessageContaining("reason of");
        // a dead letter for a record the parser accepts
        assertThatThrownBy(() -> PipelineLedger.of(W, readings, List.of(), List.of(rejection(1, R2, "missing data")),
                List.of(fingerprint(BOTH))).verify(dir)).hasMessageContaining("parser rejects");
    }

    @Test
    void aReadingWithARejectedValueCountsWithItsOtherValuesAndMustBeDeadLettered() throws Exception {
        String r3 = "{\"equip_id\":110,\"timestamp\":3000,\"data\":{\"0001\":\"abc\",\"0002\":\"4\"}}";
        String reason = "1 value rejected: sensor \"0001\": \"abc\" is not a plain decimal number; the record's other values were used";
        String data = BOTH.substring(0, BOTH.length() - 1)
                + ",\"0002\":{\"min\":4.0,\"max\":4.0,\"median\":4.0,\"mean\":4.0,\"std_dev\":0.0,\"count\":1}}";
        List<PipelineLedger.Reading> readings = List.of(reading(0, 0, R1), reading(0, 1, R2), reading(0, 2, r3));
        save(fingerprint(data), R1, R2, r3);
        PipelineLedger.of(W, readings, List.of(rejection(2, r3, reason)), List.of(fingerprint(data))).verify(dir);
        assertThatThrownBy(() -> PipelineLedger.of(W, readings, List.of(), List.of(fingerprint(data))).verify(dir))
                .hasMessageContaining("without a dead letter");
        // statistics that counted the rejected value's record for 0001 too are wrong
        assertThatThrownBy(() -> PipelineLedger.of(W, readings, List.of(rejection(2, r3, reason)), List.of(fingerprint(BOTH))).verify(dir))
                .hasMessageContaining("sensors of");
    }

    private PipelineLedger ledger(List<JsonNode> deadLetters, JsonNode... fingerprints) {
        return PipelineLedger.of(W, List.of(reading(0, 0, R1), reading(0, 1, R2)), deadLetters, List.of(fingerprints));
    }

    private static JsonNode fingerprint(String data) {
        return parse("{\"uuid\":\"" + UUID + "\",\"equip_id\":\"110\",\"type\":\"kiln\",\"start_ms\":0,\"end_ms\":5000,\"data\":" + data + "}");
    }

    /** A late dead letter naming the reading at offset {@code offset} of partition 0. */
    private static JsonNode late(long offset, long equip, long ts, String data) {
        String payload = "{\"equip_id\":" + equip + ",\"timestamp\":" + ts + ",\"data\":" + data + "}";
        return parse("{\"reason\":\"late\",\"source_topic\":\"sensor-data\",\"partition\":0,\"offset\":" + offset + ",\"timestamp\":" + ts
                + ",\"payload\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(payload) + "}");
    }

    private static JsonNode rejection(long offset, String payload, String reason) {
        return parse("{\"reason\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(reason)
                + ",\"source_topic\":\"sensor-data\",\"partition\":0,\"offset\":" + offset + ",\"timestamp\":0"
                + ",\"payload\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(payload) + "}");
    }

    /** As the saver writes a file. */
    private void save(JsonNode fingerprint, String... readings) throws Exception {
        Files.writeString(dir.resolve(UUID + "_0_5000.json"), "{\"fingerprint\":" + fingerprint + ",\"joined_by\":\"lineage\",\"input_records\":["
                + String.join(",", readings) + "],\"input_count\":" + readings.length + ",\"complete\":true}");
    }
}
