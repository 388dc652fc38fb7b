package io.fingerprint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole harness at a tiny size, so it keeps working; the figures themselves mean nothing here. */
class BenchmarkSmokeTest {

    @Test
    void aTinyRunMeasuresEverythingAndChecksTheProductsOutput(@TempDir Path results) throws Exception {
        BenchOptions options = BenchOptions.parse("--readings", "20000", "--equipments", "4", "--results", results.toString());
        Path report = new Benchmark(options).run();
        String md = Files.readString(report);
        assertThat(md).contains("1. Ceiling", "2. Product job", "3. Plain Flink job", "4. Flink SQL",
                "Product job output checked", "std_dev of 20,000 values");
        assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| measurement"))).hasSize(4);
    }
}
