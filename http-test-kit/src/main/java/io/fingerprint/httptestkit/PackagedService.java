package io.fingerprint.httptestkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

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
        List<String> command = new ArrayList<>();
        Path executable = nativeExecutable(target);
        if (executable != null) {
            command.add(executable.toAbsolutePath().toString());
            command.addAll(List.of(options));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(options));
            command.addAll(List.of("-jar", target.resolve("quarkus-app").resolve("quarkus-run.jar").toString()));
        }
        return command;
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
