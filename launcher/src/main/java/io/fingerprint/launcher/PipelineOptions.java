package io.fingerprint.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The launcher's arguments, with the defaults of the containers and the original pipeline. */
final class PipelineOptions {

    static final String USAGE = """
            usage: ./run-local.sh [options]
              --clean                   start from empty Kafka data and an empty output folder
              --window-size DURATION    fingerprint window, e.g. 10s for a quick demo (default 1min)
              --out-of-orderness DUR    how late a reading may arrive (default 10s)
              --idle-timeout DURATION   quiet time after which windows close by the wall clock (default 10s)
              --rate N                  generator readings per second at start (default 5)
              --data-dir PATH           Kafka data and job checkpoints (default .local)
              --output-dir PATH         saved fingerprint files (default ./output)
              --kafka-port PORT         (default 9092; the KRaft controller uses --controller-port, default 9093)
              --web-ui-port PORT        Flink Web UI (default 8081)
              --generator-port PORT     (default 8080)
              --saver-port PORT         (default 8090)
              --native                  run the generator and saver as native executables, built first with
                                        ./mvnw -pl generator-service,saver-service -am package -DskipTests -Dnative
                                        -Dquarkus.native.graalvm-home=DIR/gvm (README, "Native executables")
              --help""";

    boolean clean;
    Duration windowSize = Duration.ofMinutes(1);
    Duration outOfOrderness = Duration.ofSeconds(10);
    Duration idleTimeout = Duration.ofSeconds(10);
    int rate = 5;
    Path dataDir = Path.of(".local");
    Path outputDir = Path.of("output");
    int kafkaPort = 9092;
    int controllerPort = 9093;
    int webUiPort = 8081;
    int generatorPort = 8080;
    int saverPort = 8090;
    boolean nativeServices;
    boolean help;

    static PipelineOptions parse(String... args) {
        PipelineOptions o = new PipelineOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--clean" -> o.clean = true;
                case "--help", "-h" -> o.help = true;
                case "--native" -> o.nativeServices = true;
                case "--window-size" -> o.windowSize = duration(arg, value(args, ++i, arg));
                case "--out-of-orderness" -> o.outOfOrderness = duration(arg, value(args, ++i, arg));
                case "--idle-timeout" -> o.idleTimeout = duration(arg, value(args, ++i, arg));
                case "--rate" -> o.rate = number(arg, value(args, ++i, arg), 0, Integer.MAX_VALUE);
                case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, arg));
                case "--output-dir" -> o.outputDir = Path.of(value(args, ++i, arg));
                case "--kafka-port" -> o.kafkaPort = number(arg, value(args, ++i, arg), 1, 65535);
                case "--controller-port" -> o.controllerPort = number(arg, value(args, ++i, arg), 1, 65535);
                case "--web-ui-port" -> o.webUiPort = number(arg, value(args, ++i, arg), 1, 65535);
                case "--generator-port" -> o.generatorPort = number(arg, value(args, ++i, arg), 1, 65535);
                case "--saver-port" -> o.saverPort = number(arg, value(args, ++i, arg), 1, 65535);
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (o.outOfOrderness.compareTo(o.windowSize) >= 0) {
            throw new IllegalArgumentException("--out-of-orderness must be shorter than --window-size");
        }
        return o;
    }

    /** A duration as both the job (Flink) and the services (Quarkus) read it. */
    static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)");

    static Duration duration(String name, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " must be a duration such as 500ms, 10s, 1min or 1h, got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }
}
