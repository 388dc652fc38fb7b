package io.fingerprint.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        JobOptions o = JobOptions.parse();
        assertThat(o.inputTopic).isEqualTo("sensor-data");
        assertThat(o.outputTopic).isEqualTo("fingerprint-output");
        assertThat(o.dlqTopic).isEqualTo("sensor-data-dlq");
        assertThat(o.windowSize).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.outOfOrderness).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.parallelism).isEqualTo(2);
        assertThat(o.checkpointInterval).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.deliveryGuarantee).isEqualTo(JobOptions.Guarantee.EXACTLY_ONCE);
        assertThat(o.startingOffsets).isEqualTo(JobOptions.StartingOffsets.COMMITTED);
        assertThat(o.defaultType).isEqualTo("kiln");
        assertThat(o.local).isFalse();
        assertThat(o.webUiPort).isEqualTo(8081);
    }

    @Test
    void parsesEveryKindOfValue() {
        JobOptions o = JobOptions.parse("--window-size", "5s", "--out-of-orderness=500ms", "--parallelism", "4",
                "--delivery-guarantee", "at-least-once", "--starting-offsets", "LATEST",
                "--equipment-types", "110=kiln, 111=mill", "--local", "--web-ui-port", "9999");
        assertThat(o.windowSize).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.outOfOrderness).isEqualTo(Duration.ofMillis(500));
        assertThat(o.parallelism).isEqualTo(4);
        assertThat(o.deliveryGuarantee).isEqualTo(JobOptions.Guarantee.AT_LEAST_ONCE);
        assertThat(o.startingOffsets).isEqualTo(JobOptions.StartingOffsets.LATEST);
        assertThat(o.equipmentTypes).isEqualTo(Map.of(110L, "kiln", 111L, "mill"));
        assertThat(o.local).isTrue();
        assertThat(o.webUiPort).isEqualTo(9999);
    }

    @Test
    void refusesUnknownAndInvalidArgumentsWithAClearMessage() {
        assertThatThrownBy(() -> JobOptions.parse("--windowsize", "5s")).hasMessage("unknown argument '--windowsize'");
        assertThatThrownBy(() -> JobOptions.parse("--window-size")).hasMessage("--window-size needs a value (DURATION)");
        assertThatThrownBy(() -> JobOptions.parse("--window-size", "0s")).hasMessage("invalid --window-size '0s': must be positive");
        assertThatThrownBy(() -> JobOptions.parse("--parallelism", "two")).hasMessage("invalid --parallelism 'two': not a whole number");
        assertThatThrownBy(() -> JobOptions.parse("--delivery-guarantee", "maybe"))
                .hasMessage("invalid --delivery-guarantee 'maybe': expected one of [exactly-once, at-least-once]");
        assertThatThrownBy(() -> JobOptions.parse("--equipment-types", "110:kiln"))
                .hasMessageContaining("expected EQUIP=TYPE pairs");
        assertThatThrownBy(() -> JobOptions.parse("--local=yes")).hasMessageStartingWith("invalid --local 'yes'");
        assertThatThrownBy(() -> JobOptions.parse("--window-size", "5s", "--out-of-orderness", "10s"))
                .hasMessage("--out-of-orderness must be shorter than --window-size");
        assertThatThrownBy(() -> JobOptions.parse("--web-ui-port", "70000")).hasMessageContaining("port number");
    }

    @Test
    void kafkaClientSettingsReachSourceAndSinks() {
        JobOptions o = JobOptions.parse("--kafka-property", "security.protocol=SASL_SSL",
                "--kafka-property", "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p=q\";");
        assertThat(o.kafkaProperties).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p=q\";");
        assertThat(FingerprintJob.consumerProperties(o)).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("isolation.level", "read_committed");
        assertThat(FingerprintJob.producerProperties(o)).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("transaction.timeout.ms", "900000");
        assertThatThrownBy(() -> JobOptions.parse("--kafka-property", "novalue")).hasMessageContaining("expected KEY=VALUE");
        assertThat(JobOptions.KAFKA_SECURITY_ENV).containsKeys("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG");
    }

    @Test
    void usageListsEveryOption() {
        assertThat(JobOptions.usage()).contains("--bootstrap-servers", "--window-size", "--out-of-orderness", "--idle-timeout",
                "--checkpoint-interval", "--delivery-guarantee", "--equipment-types", "--local", "--help");
    }
}
