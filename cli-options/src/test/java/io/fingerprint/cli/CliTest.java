package io.fingerprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliTest {

    enum Mode { EXACTLY_ONCE, AT_LEAST_ONCE }

    static final class ModeConverter extends Words.KebabCase<Mode> {
        ModeConverter() {
            super(Mode.class);
        }
    }

    @Command(name = "example")
    static final class Example {
        @Option(names = "--window", paramLabel = "DURATION", converter = Durations.Positive.class, description = "a window")
        Duration window = Duration.ofMinutes(1);
        @Option(names = "--lag", paramLabel = "DURATION", converter = Durations.NonNegative.class, description = "a lag")
        Duration lag = Duration.ofSeconds(10);
        @Option(names = "--count", paramLabel = "N", converter = Numbers.AtLeastOne.class, description = "a count")
        int count = 2;
        @Option(names = "--port", paramLabel = "PORT", converter = Numbers.Port.class, description = "a port")
        int port = 8081;
        @Option(names = "--topic", paramLabel = "TOPIC", converter = Words.NonBlank.class, description = "a topic")
        String topic = "sensor-data";
        @Option(names = "--mode", paramLabel = "MODE", converter = ModeConverter.class, description = "a mode")
        Mode mode = Mode.EXACTLY_ONCE;
        @Option(names = "--flag", description = "a flag")
        boolean flag;
    }

    @Test
    void durationsTakeOneGrammarEverywhere() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("10 s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("1min")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1H")).isEqualTo(Duration.ofHours(1));
        for (String bad : new String[] {"10", "soon", "1.5s", "-1s", "10 sec", ""}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).hasMessage("not a duration (examples: 500ms, 10s, 1min, 1h)");
        }
        assertThat(Durations.millis(Duration.ofSeconds(10))).isEqualTo("10000ms");
        assertThat(Durations.parse(Durations.millis(Duration.ofMillis(1500)))).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void parsesValuesSeparateOrAttached() {
        Example e = Cli.parse(new Example(), "--window", "5s", "--lag=0s", "--count", "4", "--mode", "at-least-once", "--flag", "--topic", " t ");
        assertThat(e.window).isEqualTo(Duration.ofSeconds(5));
        assertThat(e.lag).isZero();
        assertThat(e.count).isEqualTo(4);
        assertThat(e.mode).isEqualTo(Mode.AT_LEAST_ONCE);
        assertThat(e.flag).isTrue();
        assertThat(e.topic).isEqualTo("t");
        assertThat(Cli.parse(new Example()).window).isEqualTo(Duration.ofMinutes(1));
        assertThat(Cli.parse(new Example(), "--count", "3", "--count", "5").count).as("the last wins").isEqualTo(5);
    }

    @Test
    void refusalsAreOneLineNamingTheArgument() {
        assertThatThrownBy(() -> Cli.parse(new Example(), "--windw", "5s")).hasMessage("unknown argument '--windw'");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--window")).hasMessage("--window needs a value (DURATION)");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--window", "0s")).hasMessage("invalid --window '0s': must be positive");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--window", "soon"))
                .hasMessage("invalid --window 'soon': not a duration (examples: 500ms, 10s, 1min, 1h)");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--count", "two")).hasMessage("invalid --count 'two': not a whole number");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--count", "0")).hasMessage("invalid --count '0': must be at least 1");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--port", "70000")).hasMessage("invalid --port '70000': must be a port number 1-65535");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--topic", " ")).hasMessage("invalid --topic ' ': must not be empty");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--mode", "maybe"))
                .hasMessage("invalid --mode 'maybe': expected one of [exactly-once, at-least-once]");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--flag=yes")).hasMessageStartingWith("invalid --flag 'yes'");
    }

    @Test
    void usageComesFromTheSameDeclarations() {
        assertThat(Cli.usage(new Example())).contains("Usage: example", "--window=DURATION", "a window", "--flag", "a flag");
    }

    @Test
    void outOfOrdernessMustBeShorterThanTheWindow() {
        WindowTiming.requireOutOfOrdernessShorter(Duration.ofSeconds(5), "--window", Duration.ofSeconds(4), "--lag");
        assertThatThrownBy(() -> WindowTiming.requireOutOfOrdernessShorter(Duration.ofSeconds(5), "--window", Duration.ofSeconds(5), "--lag"))
                .hasMessage("--lag must be shorter than --window");
    }
}
