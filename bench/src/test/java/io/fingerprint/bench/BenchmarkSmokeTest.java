package io.fingerprint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness at a tiny size, so it keeps working; the figures themselves mean nothing here.
 * The harness itself fails a measurement whose work did not really happen (records missing from a
 * topic, a file missing or with the wrong input_count, an answer other than 200); this checks the
 * report has every row, with positive figures.
 */
class BenchmarkSmokeTest {

    private static final Pattern NUMBER = Pattern.compile("[0-9][0-9,]*(\\.[0-9]+)?");

    @Test
    void aTinyRunMeasuresEverythingAndChecksTheProductsOutput(@TempDir Path results) throws Exception {
        BenchOptions options = BenchOptions.parse("--readings", "20000", "--equipments", "4", "--results", results.toString(),
                "--generator-warmup", "1s", "--generator-interval", "2s", "--producer-records", "50000",
                "--saver-windows", "2", "--saver-files", "500", "--saver-queries", "100",
                "--latency-window", "2s", "--latency-windows", "1", "--latency-out-of-orderness", "1s", "--latency-high-rate", "2000",
                "--services-interval", "2s", "--services-modes", "jvm");
        Path report = new Benchmark(options).run();
        String md = Files.readString(report);
        assertThat(md).contains("1. Ceiling", "1b. Flink source alone", "2. Product job", "3. Plain Flink job", "4. Flink SQL",
                "product job output checked", "std_dev of 20,000 values",
                "5a. Generator", "5b. Kafka ProducerPerformance", "6a. Saver", "6b. Saver", "6c. Saver", "6d. Saver", "7a. Window end", "7b. Window end");
        // every target judged, with a figure: 3 for the job (1-4), 1 for the generator (5), 1 for the saver (6), 3 for the latency (7)
        List<String> targets = md.lines().dropWhile(l -> !l.startsWith("| target |")).skip(2).takeWhile(l -> l.startsWith("| ")).toList();
        assertThat(targets).hasSize(8).allSatisfy(t -> assertThat(t).matches("\\| [^|]+ \\| [^|]*[0-9][^|]* \\| (met|missed) \\|"));
        List<String[]> all = md.lines().filter(l -> l.startsWith("| ") && l.contains(". ") && !l.startsWith("| measurement"))
                .filter(l -> Character.isDigit(l.charAt(2)))
                .map(l -> Arrays.stream(l.substring(2, l.length() - 2).split(" \\| ", -1)).map(String::trim).toArray(String[]::new))
                .toList();
        List<String[]> rows = all.stream().filter(r -> !r[0].startsWith("8")).toList();
        assertThat(rows).hasSize(13);
        for (String[] row : rows) {
            Matcher figure = NUMBER.matcher(row[2]);
            assertThat(figure.find()).as("a figure in %s", row[0]).isTrue();
            do {
                assertThat(Double.parseDouble(figure.group().replace(",", ""))).as("%s: %s", row[0], row[2]).isPositive();
            } while (figure.find());
        }
        assertThat(row(rows, "1b.")[4]).isEqualTo("20,000 records counted");
        assertThat(row(rows, "5a.")[4]).matches("all [1-9][0-9,]* sent are in the topic.*");
        assertThat(row(rows, "5b.")[4]).isEqualTo("all 50,000 in the topic");
        assertThat(row(rows, "6a.")[4]).matches("[1-9][0-9]* files, each complete, input_count = reference \\([1-9][0-9,]* readings\\)");
        assertThat(row(rows, "6b.")[4]).isEqualTo("500 files indexed");
        assertThat(row(rows, "6c.")[4]).isEqualTo("100 requests, each 200 with items");
        assertThat(row(rows, "7a.")[4]).matches("[1-9][0-9]* files, each complete, readings per file: [1-9][0-9,]* on average; .*");
        assertThat(row(rows, "7b.")[4]).matches("[1-9][0-9]* files, each complete, readings per file: [1-9][0-9,]* on average; .*");

        // 8: the JVM rows measured (start, RSS idle, RSS under load, then the rate or the join), the native ones not run here
        assertThat(all.stream().filter(r -> r[0].matches("8[a-z]\\. .*")).map(r -> r[0].substring(0, 3))).containsExactly("8a.", "8b.", "8c.", "8d.");
        for (String[] row : List.of(row(all, "8a."), row(all, "8c."))) {
            for (int column : new int[] {1, 2, 3, row[0].startsWith("8a") ? 4 : 5}) {
                Matcher figure = NUMBER.matcher(row[column]);
                assertThat(figure.find()).as("a figure in %s, column %d", row[0], column).isTrue();
                assertThat(Double.parseDouble(figure.group().replace(",", ""))).as("%s: %s", row[0], row[column]).isPositive();
            }
        }
        assertThat(row(all, "8a.")[6]).matches("all [1-9][0-9,]* sent are in the topic.*");
        assertThat(row(all, "8c.")[6]).matches("streamed: [0-9,]+ files complete, input_count = reference; join: [1-9][0-9,]* files .*");
        assertThat(row(all, "8b.")[1]).isEqualTo("not run (--services-modes jvm)");
        assertThat(row(all, "8d.")[1]).isEqualTo("not run (--services-modes jvm)");
    }

    private static String[] row(List<String[]> rows, String prefix) {
        return rows.stream().filter(r -> r[0].startsWith(prefix)).findFirst().orElseThrow();
    }
}
