package io.fingerprint.saver.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fingerprint.formats.fingerprint.FingerprintReader;
import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.InvalidFingerprintException;
import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.saver.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the formats module's {@link FingerprintReader} takes as a well-formed fingerprint, and the
 * reasons it gives for the rest (the corpus is the saver's: its Kafka test sends the same lines).
 */
class FingerprintReaderTest {

    private static final long NOW = 1_800_000_000_000L;
    private final FingerprintReader fingerprints = new FingerprintReader();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFingerprintObjectIsKeptByteForByte() throws Exception {
        String uuid = Json.uuid(110, 0, 60_000).toUpperCase();
        String inner = "{ \"uuid\" : \"" + uuid + "\", \"equip_id\":\"110\",\"type\":\"kiln\",\"start_ms\":0,\"end_ms\":60000,"
                + "\"data\":{\"0002\":{\"min\":1.50,\"max\":1.5e0,\"median\":1.5,\"mean\":1.50,\"std_dev\":0,\"count\":1},"
                + "\"0001\":{ \"count\":2,\"std_dev\":0.5,\"mean\":2,\"median\":2,\"max\":2.5,\"min\":1.5,\"extra\":[]}}}";

        ReceivedFingerprint f = fingerprints.read(bytes("{\"fingerprint\":" + inner + " }"));

        assertThat(new String(f.raw(), StandardCharsets.UTF_8)).isEqualTo(inner);
        assertThat(f.uuid()).isEqualTo(uuid.toLowerCase());
        assertThat(f.equipId()).isEqualTo("110");
        assertThat(f.equipNumber()).isEqualTo(110);
        assertThat(f.sensors()).containsExactly("0002", "0001");
        assertThat(f.startMs()).isZero();
        assertThat(f.endMs()).isEqualTo(60_000);
        assertThat(f.inputs()).isEmpty();
        assertThat(f.hasLineage()).isFalse();
    }

    @Test
    void theInputsAreReadAndTheOriginalFormatWithoutCountsIsAccepted() throws Exception {
        String uuid = Json.uuid(110, 0, 60_000);
        String inner = "{\"uuid\":\"" + uuid + "\",\"equip_id\":\"110\",\"type\":\"kiln\",\"start_ms\":0,\"end_ms\":60000,"
                + "\"data\":{\"0001\":{\"min\":1,\"max\":2,\"median\":1.5,\"mean\":1.5,\"std_dev\":0.5}},"
                + "\"inputs\":[{\"topic\":\"sensor-data\",\"partition\":1,\"from_offset\":10,\"to_offset\":20,\"records\":2}]}";

        ReceivedFingerprint f = fingerprints.read(bytes("{\"fingerprint\":" + inner + "}"));

        assertThat(f.inputs()).containsExactly(new InputRange("sensor-data", 1, 10, 20, 2));
        assertThat(f.hasLineage()).isTrue();
        assertThat(new String(f.raw(), StandardCharsets.UTF_8)).isEqualTo(inner);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uuid", "equip_id", "type", "start_ms", "end_ms", "data"})
    void aFingerprintWithoutAFieldIsRejectedNamingIt(String field) {
        String full = Json.fingerprintObject(Json.uuid(1, 0, 60_000), 1, 0, 60_000);
        String without = full.replaceFirst("\"" + field + "\":", "\"x_" + field + "\":");

        assertThatThrownBy(() -> fingerprints.read(bytes(Json.message(without))))
                .isInstanceOf(InvalidFingerprintException.class).hasMessageContaining(field);
    }

    /** The corpus the Kafka test sends through the broker, here without Kafka: each line its reason. */
    static List<Object[]> badFingerprints() throws Exception {
        List<Object[]> cases = new ArrayList<>();
        try (var in = FingerprintReaderTest.class.getResourceAsStream("/corpus/bad-fingerprints.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                    int tab = lines[i].indexOf('\t');
                    cases.add(new Object[] {i + 1, lines[i].substring(0, tab), lines[i].substring(tab + 1)});
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "line {0}: {1}")
    @MethodSource("badFingerprints")
    void eachFingerprintOfTheCorpusIsRejectedWithItsReason(int line, String reason, String escaped) {
        byte[] payload = io.fingerprint.httptestkit.HttpCorpus.unescape(escaped);
        assertThatThrownBy(() -> fingerprints.read(payload))
                .isInstanceOf(InvalidFingerprintException.class).hasMessageContaining(reason).hasMessageNotContaining("\n");
    }

    @Test
    void aPayloadAboveOneMebibyteIsRejectedBeforeItIsParsed() {
        byte[] payload = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(payload, (byte) ' ');
        assertThatThrownBy(() -> fingerprints.read(payload)).hasMessage("payload too large: 1048577 bytes");
    }

    @Test
    void theLimitsOfWindowLengthAndFutureAreInclusive() throws Exception {
        FingerprintReader limited = new FingerprintReader(120_000, 60_000, () -> NOW);
        String atLimits = Json.fingerprintObject(Json.uuid(1, NOW - 60_000, NOW + 60_000), 1, NOW - 60_000, NOW + 60_000);
        assertThat(limited.read(bytes(Json.message(atLimits))).endMs()).isEqualTo(NOW + 60_000);

        String tooLong = Json.fingerprintObject(Json.uuid(1, NOW - 60_001, NOW + 60_000), 1, NOW - 60_001, NOW + 60_000);
        assertThatThrownBy(() -> limited.read(bytes(Json.message(tooLong)))).hasMessageContaining("longer than the maximum");
        String tooFar = Json.fingerprintObject(Json.uuid(1, NOW, NOW + 60_001), 1, NOW, NOW + 60_001);
        assertThatThrownBy(() -> limited.read(bytes(Json.message(tooFar)))).hasMessageContaining("too far in the future");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "", "550e8400-e29b-41d4-a716-44665544000", "550e8400e29b41d4a716446655440000"})
    void aUuidThatIsNotCanonicalIsRejected(String uuid) {
        assertThatThrownBy(() -> fingerprints.read(bytes(Json.message(Json.fingerprintObject(uuid, 1, 0, 60_000)))))
                .isInstanceOf(InvalidFingerprintException.class);
    }
}
