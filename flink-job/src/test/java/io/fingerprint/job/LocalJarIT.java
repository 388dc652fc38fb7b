package io.fingerprint.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged jars: `java -jar flink-job-local.jar` must start, with everything it needs beside it. */
class LocalJarIT {

    private static final Path TARGET = Path.of("target");

    @Test
    void theLocalJarsClassPathIsCompleteAndItStarts() throws Exception {
        Path jar = TARGET.resolve("flink-job-local.jar");
        List<String> classPath;
        try (JarFile file = new JarFile(jar.toFile())) {
            classPath = Arrays.asList(file.getManifest().getMainAttributes().getValue("Class-Path").split(" "));
        }
        assertThat(classPath).allSatisfy(entry -> assertThat(TARGET.resolve(entry)).isRegularFile());
        // runtime-only dependencies of kafka-clients: without them lz4/zstd/snappy batches cannot be read or written
        assertThat(classPath).anyMatch(e -> e.contains("lz4")).anyMatch(e -> e.contains("zstd")).anyMatch(e -> e.contains("snappy"))
                .anyMatch(e -> e.contains("flink-runtime-web")).anyMatch(e -> e.contains("log4j-core"));

        Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--help").redirectErrorStream(true).start();
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("--bootstrap-servers");
        assertThat(help.exitValue()).isZero();
    }

    @Test
    void theClusterJarBundlesTheConnectorButNotFlink() throws Exception {
        try (JarFile file = new JarFile(TARGET.resolve("flink-job.jar").toFile())) {
            assertThat(file.getEntry("io/fingerprint/job/FingerprintJob.class")).isNotNull();
            assertThat(file.getEntry("org/apache/flink/connector/kafka/source/KafkaSource.class")).isNotNull();
            assertThat(file.getEntry("net/jpountz/lz4/LZ4Factory.class")).isNotNull();
            assertThat(file.getEntry("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class")).isNull();
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.fingerprint.job.FingerprintJob");
        }
        assertThat(Files.size(TARGET.resolve("flink-job.jar"))).isLessThan(60L << 20);
    }
}
