package io.fingerprint.kafkalocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaLocalTest {

    @Test
    void startsAnswersAndLeavesNoProcess(@TempDir Path dataDir) throws Exception {
        long pid;
        String bootstrap;
        try (KafkaLocal kafka = KafkaLocal.builder().dataDir(dataDir).topic("probe", 2).start()) {
            pid = kafka.pid();
            bootstrap = kafka.bootstrapServers();
            assertThat(bootstrap).startsWith("localhost:");
            assertThat(canConnect(bootstrap)).isTrue();
            // storage was formatted in the given folder and the topic's partitions exist there
            assertThat(Files.exists(dataDir.resolve("meta.properties"))).isTrue();
            assertThat(Files.isDirectory(dataDir.resolve("probe-0"))).isTrue();
            assertThat(Files.isDirectory(dataDir.resolve("probe-1"))).isTrue();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(canConnect(bootstrap)).isFalse();
    }

    @Test
    void restartsOnAKeptFolder(@TempDir Path dataDir) {
        try (KafkaLocal first = KafkaLocal.builder().dataDir(dataDir).topic("kept", 1).start()) {
            assertThat(first.isAlive()).isTrue();
        }
        try (KafkaLocal second = KafkaLocal.builder().dataDir(dataDir).start()) {
            assertThat(second.isAlive()).isTrue();
            assertThat(Files.isDirectory(dataDir.resolve("kept-0"))).isTrue();
        }
    }

    private static boolean canConnect(String bootstrap) {
        String[] hostPort = bootstrap.split(":");
        try (Socket ignored = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
