package io.fingerprint.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DockerfileTest {

    /** One instruction of a Dockerfile, continuation lines joined. */
    record Instruction(String keyword, String args) {
    }

    static List<Instruction> parse(String relative) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repo.read(relative).split("\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
            current.setLength(0);
        }
        return instructions;
    }

    static List<String> of(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
    }

    /** The instructions of the last stage. */
    static List<Instruction> finalStage(List<Instruction> all) {
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return all.subList(last, all.size());
    }

    static void commonChecks(String dockerfile, String module) {
        List<Instruction> all = parse(dockerfile);
        // BuildKit's built-in Dockerfile frontend handles RUN --mount and COPY --chmod; a "# syntax=" line would
        // make it pull a frontend image first, which fails where no registry can be reached
        assertThat(Repo.read(dockerfile)).as(dockerfile + ": no # syntax= line (BuildKit would pull a frontend image)")
                .doesNotContainPattern("(?m)^#\\s*syntax\\s*=");
        List<String> froms = of(all, "FROM");
        assertThat(froms).as(dockerfile + " multi-stage").hasSize(2);
        for (String from : froms) {
            String image = from.split("\\s+")[0];
            assertThat(image).as(dockerfile + " FROM").matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
        }
        String build = String.join(" ", of(all, "RUN"));
        assertThat(build).as(dockerfile + " builds its module with its dependencies through the wrapper")
                .contains("./mvnw").contains("-pl " + module + " -am package").contains("-DskipTests");
        assertThat(of(all, "COPY").get(0)).as(dockerfile + ": the whole root context (parent pom, wrapper, modules)").matches("(.*\\s)?\\. \\.");
        List<Instruction> runtime = finalStage(all);
        List<String> users = of(runtime, "USER");
        assertThat(users).as(dockerfile + " runtime user").isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).as(dockerfile + ": a numeric non-root user, verifiable by runAsNonRoot").matches("[1-9][0-9]*");
        for (String copy : of(all, "COPY")) {
            if (!copy.contains("--from=")) {
                String[] words = copy.split("\\s+");
                String source = words[words.length - 2];
                if (!source.equals(".")) {
                    assertThat(Files.exists(Repo.path(source))).as(dockerfile + " COPY " + source).isTrue();
                    assertThat(DockerIgnore.excludes(source)).as(".dockerignore must not leave out " + source).isFalse();
                }
            }
        }
    }

    @Test
    void flinkJobImage() {
        String dockerfile = "flink-job/Dockerfile";
        commonChecks(dockerfile, "flink-job");
        List<Instruction> all = parse(dockerfile);
        List<String> froms = of(all, "FROM");
        assertThat(froms.get(0)).startsWith("maven:3.9-eclipse-temurin-17 ");
        // the cluster's Flink is exactly the one the job is compiled against, on Java 17: a tag without the patch
        // release (flink:2.2-java17) floats to the next one
        String flinkVersion = rootPomProperty("flink.version");
        assertThat(froms.get(1)).isEqualTo("flink:" + flinkVersion + "-scala_2.12-java17");
        List<String> copies = of(finalStage(all), "COPY");
        assertThat(copies).anyMatch(c -> c.contains("--from=build") && c.contains("/flink-job/target/flink-job.jar")
                && c.endsWith("/opt/flink/usrlib/flink-job.jar"));
        assertThat(of(finalStage(all), "ENTRYPOINT")).containsExactly("[\"/opt/flink/bin/run-job.sh\"]");
        assertThat(copies).anyMatch(c -> c.contains("flink-job/docker/run-job.sh /opt/flink/bin/run-job.sh"));
        assertThat(String.join(" ", of(finalStage(all), "RUN"))).contains("/flink/checkpoints").contains("/flink/savepoints");
        // the k8s pods run as the user the image has
        assertThat(of(finalStage(all), "USER")).last().isEqualTo("9999:9999");
        assertThat(Kube.named(io.fabric8.kubernetes.api.model.batch.v1.Job.class, "flink-jobmanager").getSpec().getTemplate()
                .getSpec().getSecurityContext().getRunAsUser()).isEqualTo(9999L);
    }

    @Test
    void quarkusImagesAreNativeOnAMatchingMinimalRuntime() {
        for (QuarkusService q : List.of(QuarkusService.GENERATOR, QuarkusService.SAVER)) {
            String dockerfile = q.module() + "/Dockerfile";
            commonChecks(dockerfile, q.module());
            List<Instruction> all = parse(dockerfile);
            List<String> froms = of(all, "FROM");
            assertThat(froms.get(0)).as(dockerfile).startsWith("quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 ");
            // a native executable needs the glibc of the image it was built on: UBI 9 on both sides
            assertThat(froms.get(1)).as(dockerfile).isIn("quay.io/quarkus/ubi9-quarkus-micro-image:2.0",
                    "registry.access.redhat.com/ubi9/ubi-minimal:9.6");
            assertThat(String.join(" ", of(all, "RUN"))).as(dockerfile).contains("-Dnative");
            // `docker compose up --build` builds both images at once; each native build needs about 4 GB: the
            // Maven cache mount both share, locked, makes the second wait for the first
            assertThat(String.join(" ", of(all, "RUN"))).as(dockerfile + ": the shared Maven cache mount, locked")
                    .contains("--mount=type=cache,target=/home/quarkus/.m2,").containsPattern("--mount=type=cache,\\S*sharing=locked");
            // -Dnative works through the module's own profile, activated by that property
            String pom = Repo.read(q.module() + "/pom.xml").replaceAll("<!--.*?-->", "").replaceAll("\\s+", "");
            assertThat(pom).as(q.module() + "/pom.xml native profile").contains(
                    "<id>native</id><activation><property><name>native</name></property></activation>")
                    .contains("<quarkus.native.enabled>true</quarkus.native.enabled>");
            List<Instruction> runtime = finalStage(all);
            assertThat(of(runtime, "COPY")).as(dockerfile).anyMatch(c -> c.contains("--from=build")
                    && c.contains("/project/" + q.module() + "/target/*-runner") && c.endsWith("/work/application"));
            assertThat(of(runtime, "EXPOSE")).as(dockerfile).containsExactly(String.valueOf(q.httpPort()));
            assertThat(of(runtime, "ENTRYPOINT")).as(dockerfile).singleElement().asString()
                    .contains("./application").contains("-Dquarkus.http.host=0.0.0.0");
            assertThat(of(runtime, "USER")).as(dockerfile).last().isEqualTo("1001");
            assertThat(Kube.named(io.fabric8.kubernetes.api.model.apps.Deployment.class, q.k8sName()).getSpec().getTemplate()
                    .getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        }
        // the saver's output folder exists in the image, writable by its user
        assertThat(String.join(" ", of(finalStage(parse("saver-service/Dockerfile")), "RUN")))
                .contains(Compose.env(Compose.service("saver")).get("SAVER_OUTPUT_DIR"));
    }

    @Test
    void theComposeTestsNativeImagesEndAsTheMandrelDockerfilesDo() {
        // compose-test/compose.native-services.yml builds the services from src/main/docker/Dockerfile.native-micro
        // with the executable the Maven build made: what runs must be the Mandrel Dockerfile's runtime stage,
        // with only the executable's source differing
        for (QuarkusService q : List.of(QuarkusService.GENERATOR, QuarkusService.SAVER)) {
            String micro = q.module() + "/src/main/docker/Dockerfile.native-micro";
            List<Instruction> test = parse(micro);
            List<Instruction> users = finalStage(parse(q.module() + "/Dockerfile"));
            assertThat(test).as(micro + ": one stage").filteredOn(x -> x.keyword().equals("FROM")).hasSize(1);
            assertThat(test.stream().map(x -> x.keyword() + " " + x.args().replace("target/*-runner", "RUNNER")).toList())
                    .as(micro + " = the runtime stage of " + q.module() + "/Dockerfile")
                    .isEqualTo(users.stream().map(x -> x.keyword() + " " + x.args()
                            .replace("--from=build ", "").replace("/project/" + q.module() + "/target/*-runner", "RUNNER")).toList());
            // built with the module as its context: only the executable goes in
            assertThat(Repo.read(q.module() + "/.dockerignore").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")))
                    .as(q.module() + "/.dockerignore").contains("*", "!target/*-runner");
        }
    }

    @Test
    void dockerIgnoreKeepsTheContextSmallButComplete() {
        assertThat(DockerIgnore.excludes(".git")).isTrue();
        assertThat(DockerIgnore.excludes("flink-job/target/flink-job.jar")).isTrue();
        assertThat(DockerIgnore.excludes("target/x")).isTrue();
        assertThat(DockerIgnore.excludes("output/a.json")).isTrue();
        for (String needed : List.of("pom.xml", "mvnw", ".mvn/wrapper/maven-wrapper.properties", "flink-job/pom.xml",
                "flink-job/src/main/java/io/fingerprint/job/FingerprintJob.java", "kafka-local/pom.xml",
                "generator-service/src/main/resources/application.properties", "saver-service/pom.xml",
                "deployment-check/pom.xml", "flink-job/docker/run-job.sh")) {
            assertThat(DockerIgnore.excludes(needed)).as(needed + " is needed by the builds").isFalse();
        }
        // every module of the reactor must be in the context: Maven reads them all, even with -pl
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Repo.read("pom.xml"));
        while (modules.find()) {
            assertThat(DockerIgnore.excludes(modules.group(1) + "/pom.xml")).as(modules.group(1)).isFalse();
        }
    }

    @Test
    void scriptsAndWhatTheImagesCopyKeepLfLineEndingsOnEveryCheckout() throws Exception {
        // a Windows checkout converting to CRLF would break them in Linux ("bash\r: No such file or directory")
        List<String> files = new ArrayList<>(List.of("mvnw", "run-local.sh", "test.sh", "flink-job/docker/run-job.sh",
                ".mvn/wrapper/maven-wrapper.properties", "docker-compose.yml"));
        try (Stream<Path> standins = Files.walk(Repo.path("deployment/standins"))) {
            standins.filter(Files::isRegularFile).forEach(f -> files.add(Repo.ROOT.relativize(f).toString()));
        }
        List<String> command = new ArrayList<>(List.of("git", "check-attr", "eol", "--"));
        command.addAll(files);
        Process git = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).as("git check-attr finished").isTrue();
        List<String> lines = new String(git.getInputStream().readAllBytes()).lines().toList();
        assertThat(git.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).as(".gitattributes: eol=lf for each of " + files).hasSameSizeAs(files).allMatch(l -> l.endsWith(": eol: lf"));
    }

    static String rootPomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Repo.read("pom.xml"));
        assertThat(m.find()).as("root pom property " + name).isTrue();
        return m.group(1);
    }
}
