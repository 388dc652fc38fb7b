package io.fingerprint.job.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.job.stats.SensorSummary;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintJsonTest {

    @Test
    void writesTheDocumentedFingerprintFormat() {
        Fingerprint f = Fingerprint.of(110, "kiln", 1706123400000L, 1706123460000L, new SensorSummary[] {
            new SensorSummary("0001", 12.3, 98.7, 54.3, 55.1, 15.2, 60)});
        String json = new String(FingerprintJson.fingerprint(f), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"fingerprint\":{\"uuid\":\"" + f.uuid + "\",\"equip_id\":\"110\",\"type\":\"kiln\","
                + "\"start_ms\":1706123400000,\"end_ms\":1706123460000,\"data\":{\"0001\":{\"min\":12.3,\"max\":98.7,"
                + "\"median\":54.3,\"mean\":55.1,\"std_dev\":15.2,\"count\":60}}}}");
    }

    @Test
    void theUuidIsNameBasedOnEquipmentAndWindow() {
        assertThat(Fingerprint.uuidOf(110, 0, 60_000)).isEqualTo(Fingerprint.uuidOf(110, 0, 60_000));
        assertThat(Fingerprint.uuidOf(110, 0, 60_000).version()).isEqualTo(3);
        assertThat(Fingerprint.uuidOf(110, 0, 60_000)).isNotEqualTo(Fingerprint.uuidOf(111, 0, 60_000));
        assertThat(Fingerprint.uuidOf(110, 0, 60_000)).isNotEqualTo(Fingerprint.uuidOf(110, 60_000, 120_000));
    }

    @Test
    void deadLettersCarryTheRawPayloadAndTheReason() {
        String json = new String(FingerprintJson.deadLetter(new DeadLetter("missing data", "{\"equip_id\":1}", "sensor-data", 1, 42, 7)),
                StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"reason\":\"missing data\",\"source_topic\":\"sensor-data\",\"partition\":1,"
                + "\"offset\":42,\"timestamp\":7,\"payload\":\"{\\\"equip_id\\\":1}\"}");
    }
}
