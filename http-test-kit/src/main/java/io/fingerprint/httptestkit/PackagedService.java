package io.fingerprint.httptestkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The command that starts a module's packaged Quarkus service, for tests that run it as its own
 * process: the native executable when the module's last build made one ({@code -Dnative}), else
 * {@code quarkus-run.jar} on this JVM. Quarkus records which in {@code target/quarkus-artifact.properties},
 * the file its own {@code @QuarkusIntegrationTest} reads. The options ({@code -Xmx…}, {@code -D…}) mean
 * the same to both.
 */
public final class PackagedService {

    private PackagedService() {
    }

    public static List<String> command(Path target, String... options) {
        Path executable = nativeExecutable(target);
        return executable != null ? nativeCommand(executable, options) : jvmCommand(target, options);
    }

    /** {@code quarkus-run.jar} on this JVM, whatever the last build made (a native build packages the jar too). */
    public static List<String> jvmCommand(Path target, String... options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", target.resolve("quarkus-app").resolve("quarkus-run.jar").toString()));
        return command;
    }

    public static List<String> nativeCommand(Path executable, String... options) {
        List<String> command = new ArrayList<>();
        command.add(executable.toAbsolutePath().toString());
        command.addAll(List.of(options));
        return command;
    }

    /**
     * The native executable a {@code -Dnative} build left in {@code target}, also after a later JVM
     * build rewrote {@code quarkus-artifact.properties} (it leaves the {@code *-runner} file alone):
     * for measuring both side by side. Null when there is none. It can be older than the jar.
     */
    public static Path builtNativeExecutable(Path target) {
        Path recorded = nativeExecutable(target);
        if (recorded != null || !Files.isDirectory(target)) {
            return recorded;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner") && Files.isRegularFile(f) && Files.isExecutable(f))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The native executable the last build made, or null when it made a jar. */
    public static Path nativeExecutable(Path target) {
        Path artifact = target.resolve("quarkus-artifact.properties");
        if (!Files.exists(artifact)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(artifact)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "native".equals(properties.getProperty("type")) ? target.resolve(properties.getProperty("path")) : null;
    }
}
