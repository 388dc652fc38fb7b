package io.fingerprint.formats.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintWriterTest {

    @Test
    void writesTheDocumentedFingerprintFormatWithItsInputs() {
        Fingerprint f = Fingerprint.of(110, "kiln", 1706123400000L, 1706123460000L,
                new SensorSummary[] {new SensorSummary("0001", 12.3, 98.7, 54.3, 55.1, 15.2, 60)},
                new InputRange[] {new InputRange("sensor-data", 0, 1200, 1840, 42), new InputRange("sensor-data", 1, 7, 9, 2)});
        String json = new String(FingerprintWriter.write(f), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"fingerprint\":{\"uuid\":\"" + f.uuid + "\",\"equip_id\":\"110\",\"type\":\"kiln\","
                + "\"start_ms\":1706123400000,\"end_ms\":1706123460000,\"data\":{\"0001\":{\"min\":12.3,\"max\":98.7,"
                + "\"median\":54.3,\"mean\":55.1,\"std_dev\":15.2,\"count\":60}},"
                + "\"inputs\":[{\"topic\":\"sensor-data\",\"partition\":0,\"from_offset\":1200,\"to_offset\":1840,\"records\":42},"
                + "{\"topic\":\"sensor-data\",\"partition\":1,\"from_offset\":7,\"to_offset\":9,\"records\":2}]}}");
    }

    @Test
    void theUuidIsNameBasedOnEquipmentAndWindow() {
        assertThat(Fingerprint.uuidOf(110, 0, 60_000)).isEqualTo(Fingerprint.uuidOf(110, 0, 60_000));
        assertThat(Fingerprint.uuidOf(110, 0, 60_000).version()).isEqualTo(3);
        assertThat(Fingerprint.uuidOf(110, 0, 60_000)).isNotEqualTo(Fingerprint.uuidOf(111, 0, 60_000));
        assertThat(Fingerprint.uuidOf(110, 0, 60_000)).isNotEqualTo(Fingerprint.uuidOf(110, 60_000, 120_000));
    }
}
