package io.fingerprint.saver.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fingerprint.saver.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as a well-formed reading and fingerprint, and the reasons given for the rest. */
class ParsersTest {

    private static final long NOW = 1_800_000_000_000L;
    private final ReadingValidator readings = new ReadingValidator(3_600_000, () -> NOW);
    private final FingerprintParser fingerprints = new FingerprintParser();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReadingWithNullsAndUnknownFieldsIsWellFormed() throws Exception {
        ReadingKey key = readings.validate(bytes(
                "{\"equip_id\":110,\"timestamp\":1706123456789,\"data\":{\"0001\":\"45.2\",\"0002\":\"null\",\"0003\":null},\"extra\":[1]}"));

        assertThat(key).isEqualTo(new ReadingKey(110, 1706123456789L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[1]", "{\"equip_id\":110,\"timestamp\":1}", "{\"equip_id\":\"110\",\"timestamp\":1,\"data\":{}}",
            "{\"equip_id\":110,\"timestamp\":1.5,\"data\":{}}", "{\"equip_id\":110,\"timestamp\":-1,\"data\":{}}",
            "{\"equip_id\":110,\"timestamp\":1,\"data\":[]}", "{\"equip_id\":110,\"equip_id\":111,\"timestamp\":1,\"data\":{}}",
            "{\"equip_id\":110,\"timestamp\":1,\"data\":{}} trailing", "{\"equip_id\":110,\"timestamp\":1900000000000,\"data\":{}}"})
    void malformedReadingsAreRejectedWithAReason(String payload) {
        assertThatThrownBy(() -> readings.validate(bytes(payload)))
                .isInstanceOf(InvalidRecordException.class).hasMessageNotContaining("\n");
    }

    @Test
    void theFingerprintObjectIsKeptByteForByte() throws Exception {
        String uuid = Json.uuid(110, 0, 60_000).toUpperCase();
        String inner = "{ \"uuid\" : \"" + uuid + "\", \"equip_id\":\"110\",\"type\":\"kiln\",\"start_ms\":0,\"end_ms\":60000,"
                + "\"data\":{\"0002\":{\"min\":1.50,\"max\":1.5e0,\"median\":1.5,\"mean\":1.50,\"std_dev\":0,\"count\":1},"
                + "\"0001\":{ \"count\":2,\"std_dev\":0.5,\"mean\":2,\"median\":2,\"max\":2.5,\"min\":1.5,\"extra\":[]}}}";

        Fingerprint f = fingerprints.parse(bytes("{\"fingerprint\":" + inner + " }"));

        assertThat(new String(f.raw(), StandardCharsets.UTF_8)).isEqualTo(inner);
        assertThat(f.uuid()).isEqualTo(uuid.toLowerCase());
        assertThat(f.equipId()).isEqualTo("110");
        assertThat(f.equipNumber()).isEqualTo(110);
        assertThat(f.sensors()).containsExactly("0002", "0001");
        assertThat(f.startMs()).isZero();
        assertThat(f.endMs()).isEqualTo(60_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uuid", "equip_id", "type", "start_ms", "end_ms", "data"})
    void aFingerprintWithoutAFieldIsRejectedNamingIt(String field) {
        String full = Json.fingerprintObject(Json.uuid(1, 0, 60_000), 1, 0, 60_000);
        String without = full.replaceFirst("\"" + field + "\":", "\"x_" + field + "\":");

        assertThatThrownBy(() -> fingerprints.parse(bytes(Json.message(without))))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining(field);
    }

    /** The corpus the Kafka test sends through the broker, here without Kafka: each line its reason. */
    static List<Object[]> badFingerprints() throws Exception {
        List<Object[]> cases = new ArrayList<>();
        try (var in = ParsersTest.class.getResourceAsStream("/corpus/bad-fingerprints.tsv")) {
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
        assertThatThrownBy(() -> fingerprints.parse(payload))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining(reason).hasMessageNotContaining("\n");
    }

    @Test
    void aPayloadAboveOneMebibyteIsRejectedBeforeItIsParsed() {
        byte[] payload = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(payload, (byte) ' ');
        assertThatThrownBy(() -> fingerprints.parse(payload)).hasMessage("payload too large: 1048577 bytes");
    }

    @Test
    void theLimitsOfWindowLengthAndFutureAreInclusive() throws Exception {
        FingerprintParser limited = new FingerprintParser(120_000, 60_000, () -> NOW);
        String atLimits = Json.fingerprintObject(Json.uuid(1, NOW - 60_000, NOW + 60_000), 1, NOW - 60_000, NOW + 60_000);
        assertThat(limited.parse(bytes(Json.message(atLimits))).endMs()).isEqualTo(NOW + 60_000);

        String tooLong = Json.fingerprintObject(Json.uuid(1, NOW - 60_001, NOW + 60_000), 1, NOW - 60_001, NOW + 60_000);
        assertThatThrownBy(() -> limited.parse(bytes(Json.message(tooLong)))).hasMessageContaining("longer than the maximum");
        String tooFar = Json.fingerprintObject(Json.uuid(1, NOW, NOW + 60_001), 1, NOW, NOW + 60_001);
        assertThatThrownBy(() -> limited.parse(bytes(Json.message(tooFar)))).hasMessageContaining("too far in the future");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "", "550e8400-e29b-41d4-a716-44665544000", "550e8400e29b41d4a716446655440000"})
    void aUuidThatIsNotCanonicalIsRejected(String uuid) {
        assertThatThrownBy(() -> fingerprints.parse(bytes(Json.message(Json.fingerprintObject(uuid, 1, 0, 60_000)))))
                .isInstanceOf(InvalidRecordException.class);
    }
}
