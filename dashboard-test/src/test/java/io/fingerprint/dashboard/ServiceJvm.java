package io.fingerprint.dashboard;

import io.fingerprint.launcher.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A packaged Quarkus service (quarkus-run.jar) in its own JVM, started as the launcher starts it. */
final class ServiceJvm implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final ChildProcess child;
    final String url;

    private ServiceJvm(ChildProcess child, String url) {
        this.child = child;
        this.url = url;
    }

    /** Starts the jar on the given port and returns once /q/health/ready answers 200. */
    static ServiceJvm start(String name, Path jar, int port, String maxHeap, Map<String, String> env) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + name + " first (the reactor does, ./mvnw -pl dashboard-test -am verify)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> environment = new HashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ChildProcess child = ChildProcess.start(name, List.of(java, "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-jar", jar.toString()),
                environment, jar.getParent(), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> child.process().destroyForcibly(), name + "-stop"));
        ServiceJvm service = new ServiceJvm(child, "http://localhost:" + port);
        try {
            child.awaitReady(service.url + "/q/health/ready", body -> true, READY_TIMEOUT, System.out);
        } catch (IllegalStateException e) {
            service.close();
            throw e;
        }
        return service;
    }

    boolean isAlive() {
        return child.isAlive();
    }

    /** SIGTERM, SIGKILL after 20 s. */
    @Override
    public void close() {
        child.stop(20);
    }
}
