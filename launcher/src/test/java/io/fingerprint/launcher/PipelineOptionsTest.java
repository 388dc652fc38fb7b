package io.fingerprint.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fingerprint.cli.Durations;
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
        assertThat(Durations.millis(o.windowSize)).isEqualTo("10000ms");
        assertThat(Durations.millis(o.outOfOrderness)).isEqualTo("1500ms");
        assertThat(o.idleTimeout).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> PipelineOptions.parse("--rate", "-1")).hasMessage("invalid --rate '-1': must not be negative");
        assertThatThrownBy(() -> PipelineOptions.parse("--window-size", "soon")).hasMessageStartingWith("invalid --window-size 'soon': not a duration");
        assertThatThrownBy(() -> PipelineOptions.parse("--bogus")).hasMessage("unknown argument '--bogus'");
        assertThatThrownBy(() -> PipelineOptions.parse("--window-size", "5s", "--out-of-orderness", "5s"))
                .hasMessage("--out-of-orderness must be shorter than --window-size");
    }

    @Test
    void usageListsEveryOption() {
        assertThat(PipelineOptions.usage()).contains("--clean", "--window-size", "--out-of-orderness", "--idle-timeout", "--rate",
                "--data-dir", "--output-dir", "--kafka-port", "--controller-port", "--web-ui-port", "--generator-port", "--saver-port",
                "--native", "--help", "(default 1min)", "(default ./output)");
    }

    @Test
    void aTakenPortIsReportedByNumberBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            PipelineOptions o = PipelineOptions.parse("--generator-port", Integer.toString(taken.getLocalPort()));
            LocalPipeline pipeline = new LocalPipeline(o, java.nio.file.Path.of(".."), System.out);
            assertThatThrownBy(pipeline::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " for the generator (--generator-port) is already in use");
            assertThat(PipelineProcesses.pids(pipeline)).isEmpty();
        }
    }
}
