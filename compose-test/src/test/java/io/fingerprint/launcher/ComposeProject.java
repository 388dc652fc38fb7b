package io.fingerprint.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code docker compose} on the project's own docker-compose.yml (plus the test's overrides), run as a
 * user runs it, from the repository root. Every command is one log line; its output goes to a file under
 * {@code compose-test/target/compose-logs/} and, when it fails, its end into the assertion message.
 */
final class ComposeProject {

    static final String NAME = "fingerprint-compose-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    final Path logs;
    private final List<String> files;
    private final Map<String, String> env;
    private int commands;

    ComposeProject(Path root, List<String> files, Map<String, String> env) {
        this.root = root;
        this.logs = root.resolve("compose-test/target/compose-logs");
        this.files = List.copyOf(files);
        this.env = Map.copyOf(env);
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exit, String output, Duration took) {
    }

    /** docker compose -p NAME -f ... ARGS; fails unless it exits 0 within the timeout. */
    Result compose(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", NAME));
        files.forEach(f -> command.addAll(List.of("-f", f)));
        command.addAll(List.of(args));
        return run(timeout, command);
    }

    /** Any command from the repository root; fails unless it exits 0 within the timeout. */
    Result run(Duration timeout, List<String> command) {
        Result r = tryRun(timeout, command);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exit() + " after " + r.took().toSeconds()
                    + " s; its output ends with:\n" + tail(r.output(), 40));
        }
        return r;
    }

    /** Any command; its exit code, output and duration (exit -1: still running at the timeout, killed). */
    Result tryRun(Duration timeout, List<String> command) {
        String shown = String.join(" ", command).replace(String.join(" -f ", files), "…");
        // what changes something is one line in the test's output, with its own log file; looks (ps, inspect,
        // logs, config) are not, and each kind keeps only its latest output
        String verb = command.stream().filter(w -> w.matches("[a-z]+") && !w.equals("docker") && !w.equals("compose"))
                .findFirst().orElse(Path.of(command.get(0)).getFileName().toString().replace(".sh", ""));
        boolean look = List.of("ps", "inspect", "logs", "config", "info", "volume", "network").contains(verb);
        Path log = look ? logs.resolve("last-" + verb + ".log") : logs.resolve(String.format("%02d-%s.log", ++commands, verb));
        if (!look) {
            System.out.println("[compose-test] $ " + shown + "   (output: " + root.relativize(log) + ")");
        }
        long start = System.nanoTime();
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(done ? p.exitValue() : -1, output, took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + shown, e);
        }
    }

    /** One entry per container of the project (one-shots included): service → its `docker compose ps` JSON. */
    Map<String, JsonNode> ps() {
        String out = compose(Duration.ofSeconds(60), "ps", "-a", "--format", "json").output();
        Map<String, JsonNode> byService = new LinkedHashMap<>();
        for (String line : out.lines().map(String::strip).filter(l -> l.startsWith("{") || l.startsWith("[")).toList()) {
            JsonNode node = parse(line);
            for (JsonNode c : node.isArray() ? node : List.of(node)) {
                byService.put(c.path("Service").asText(), c);
            }
        }
        return byService;
    }

    /** `docker inspect` of a container or image. */
    JsonNode inspect(String... what) {
        List<String> command = new ArrayList<>(List.of("docker", "inspect"));
        command.addAll(List.of(what));
        return parse(run(Duration.ofSeconds(60), command).output()).get(0);
    }

    /** Every container's log into target/compose-logs/&lt;service&gt;.log, and `docker compose ps -a`. */
    void keepLogs(String why) {
        System.out.println("[compose-test] keeping every container's log in " + root.relativize(logs) + " (" + why + ")");
        Result ps = tryRun(Duration.ofSeconds(60), composeCommand("ps", "-a"));
        writeQuietly(logs.resolve("ps.txt"), ps.output());
        Result services = tryRun(Duration.ofSeconds(60), composeCommand("config", "--services"));
        for (String service : services.output().lines().map(String::strip).filter(s -> s.matches("[a-z0-9-]+")).toList()) {
            Result r = tryRun(Duration.ofSeconds(120), composeCommand("logs", "--no-color", "--timestamps", service));
            writeQuietly(logs.resolve("container-" + service + ".log"), r.output());
        }
    }

    private List<String> composeCommand(String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", NAME));
        files.forEach(f -> command.addAll(List.of("-f", f)));
        command.addAll(List.of(args));
        return command;
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            System.out.println("[compose-test] could not write " + file + ": " + e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + tail(json, 10), e);
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
