package io.fingerprint.saver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link SaverTopicsResource}'s fresh topics and output folder, with a small tmpfs (1 MiB) mounted
 * on the folder before the saver starts, so a test can fill it or make it read-only. Mounting needs
 * root (as here and in CI); where it is refused, the property {@value #REFUSAL} says why (else it is
 * "none") and the folder stays a plain one. The tmpfs is unmounted when the application stops. (The
 * test reads the outcome through {@code @FromTestResource}: it may see this class through another class
 * loader, or run against the native executable.)
 */
public class TmpfsOutputResource extends SaverTopicsResource {

    static final String SIZE = "1m";
    static final String REFUSAL = "test.tmpfs.refusal";

    private String mountPoint;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String dir = config.get("saver.output-dir");
        Result mount = run("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0755", "tmpfs", dir);
        if (mount.exitCode() == 0) {
            mountPoint = dir;
            config.put(REFUSAL, "none");
        } else {
            config.put(REFUSAL, "mount -t tmpfs " + dir + " refused (" + mount + "): these tests need root");
        }
        return started(config);
    }

    @Override
    public void stop() {
        try {
            if (mountPoint != null) {
                Result umount = run("umount", mountPoint);
                if (umount.exitCode() != 0) {
                    run("umount", "-l", mountPoint); // still busy: detach now, freed when the last user goes
                }
                mountPoint = null;
            }
        } finally {
            super.stop();
        }
    }

    record Result(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + (output.isBlank() ? "" : ": " + output.strip());
        }
    }

    /** Runs a command to its end (at most 30 s), its output and error together. */
    static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish in 30 s");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
