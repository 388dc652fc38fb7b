package io.fingerprint.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Checks that need something outside the JVM, skipped (and saying so) where it is missing. */
class ToolsAndReadmeTest {

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void dockerComposeItselfAcceptsTheFile() throws Exception {
        // Debian's docker-compose (apt-get install docker-compose) validates without a Docker engine
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed: the Java schema check stands alone");
        Process p = new ProcessBuilder("docker-compose", "-f", Repo.path(Compose.FILE).toString(), "config", "-q")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void readmeDeploymentSectionsMatchTheFiles() {
        String readme = Repo.read("README.md");
        assumeTrue(readme.contains("docker compose up"), "README.md has no deployment section yet");
        assertThat(readme).contains("kubectl apply -f k8s");
        for (String port : new String[] {"18081", String.valueOf(QuarkusService.GENERATOR.httpPort()),
                String.valueOf(QuarkusService.SAVER.httpPort()), "9092"}) {
            assertThat(readme).as("README names port " + port).contains("localhost:" + port);
        }
        Set<String> built = new TreeSet<>();
        Compose.services().values().stream().filter(s -> s.has("build")).forEach(s -> built.add(s.path("image").asText()));
        Matcher load = Pattern.compile("kind load docker-image ([^\\n`]+)").matcher(readme);
        Set<String> loaded = new TreeSet<>();
        while (load.find()) {
            for (String word : load.group(1).trim().split("\\s+")) {
                if (word.contains(":") && !word.startsWith("-")) {
                    loaded.add(word);
                }
            }
        }
        assertThat(loaded).as("images the README loads into kind").isEqualTo(built);
        Matcher jobId = Pattern.compile("\\b[0-9a-f]{32}\\b").matcher(readme);
        while (jobId.find()) {
            assertThat(jobId.group()).as("job id in README").isEqualTo(RunJobScriptTest.JOB_ID);
        }
    }
}
