package io.fingerprint.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {

    @Test
    void defaultsMatchTheContainers() {
        PipelineOptions o = PipelineOptions.parse();
        assertThat(o.windowSize).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.outOfOrderness).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.kafkaPort).isEqualTo(9092);
        assertThat(o.webUiPort).isEqualTo(8081);
        assertThat(o.generatorPort).isEqualTo(8080);
        assertThat(o.saverPort).isEqualTo(8090);
        assertThat(o.rate).isEqualTo(5);
    }

    @Test
    void durationsAreHandedOnInMillisecondsForFlinkAndQuarkusAlike() {
        PipelineOptions o = PipelineOptions.parse("--window-size", "10s", "--out-of-orderness", "1500ms", "--idle-timeout", "1min");
        assertThat(PipelineOptions.millis(o.windowSize)).isEqualTo("10000ms");
        assertThat(PipelineOptions.millis(o.outOfOrderness)).isEqualTo("1500ms");
        assertThat(o.idleTimeout).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> PipelineOptions.parse("--rate", "-1")).hasMessageContaining("--rate must be a whole number");
        assertThatThrownBy(() -> PipelineOptions.parse("--window-size", "soon")).hasMessageContaining("--window-size must be a duration");
        assertThatThrownBy(() -> PipelineOptions.parse("--bogus")).hasMessage("unknown argument '--bogus'");
        assertThatThrownBy(() -> PipelineOptions.parse("--window-size", "5s", "--out-of-orderness", "5s"))
                .hasMessageContaining("shorter");
    }

    @Test
    void aTakenPortIsReportedByNumberBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            PipelineOptions o = PipelineOptions.parse("--generator-port", Integer.toString(taken.getLocalPort()));
            LocalPipeline pipeline = new LocalPipeline(o, java.nio.file.Path.of(".."), System.out);
            assertThatThrownBy(pipeline::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " for the generator (--generator-port) is already in use");
            assertThat(pipeline.pids()).isEmpty();
        }
    }
}
