package io.fingerprint.job.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {

    @Test
    void deadLettersCarryTheRawPayloadAndTheReason() {
        String json = new String(DeadLetterJson.deadLetter(new DeadLetter("missing data", "{\"equip_id\":1}", "sensor-data", 1, 42, 7)),
                StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"reason\":\"missing data\",\"source_topic\":\"sensor-data\",\"partition\":1,"
                + "\"offset\":42,\"timestamp\":7,\"payload\":\"{\\\"equip_id\\\":1}\"}");
    }
}
