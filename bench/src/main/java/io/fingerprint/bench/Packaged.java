package io.fingerprint.bench;

import io.fingerprint.httptestkit.PackagedService;
import java.nio.file.Path;
import java.util.List;

/**
 * One way to start a packaged Quarkus service: its {@code quarkus-run.jar} on this JVM, or the
 * native executable its {@code -Dnative} build left beside it ({@link PackagedService}). The
 * options ({@code -Xmx…}, {@code -D…}) mean the same to both.
 */
record Packaged(String module, Path nativeExecutable) {

    static final String NOT_BUILT = "not built (see README Native executables)";

    static Packaged jvm(String module) {
        return new Packaged(module, null);
    }

    /** The module's native executable, or null when none was built. */
    static Packaged nativeOf(String module) {
        Path executable = PackagedService.builtNativeExecutable(Artifacts.root().resolve(module).resolve("target"));
        return executable == null ? null : new Packaged(module, executable);
    }

    boolean isNative() {
        return nativeExecutable != null;
    }

    String mode() {
        return isNative() ? "native" : "JVM";
    }

    List<String> command(String... options) {
        if (isNative()) {
            return PackagedService.nativeCommand(nativeExecutable, options);
        }
        Artifacts.jar(module + "/target/quarkus-app/quarkus-run.jar"); // says how to build it when missing
        return PackagedService.jvmCommand(Artifacts.root().resolve(module).resolve("target"), options);
    }
}
