package io.fingerprint.saver.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.saver.Json;
import io.fingerprint.formats.fingerprint.FingerprintReader;
import io.fingerprint.saver.join.InputRecords;
import io.fingerprint.saver.join.SaveRequest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark targets: 100 000 saved files indexed after a restart in under 20 s, a query in
 * under 20 ms. Opt-in (-Dsaver.bench=true -Dtest=IndexLoadBenchmark): it writes ~100 000 files.
 */
@EnabledIfSystemProperty(named = "saver.bench", matches = "true")
class IndexLoadBenchmark {

    @TempDir
    Path dir;

    @Test
    void hundredThousandFiles() throws Exception {
        int files = Integer.getInteger("saver.bench.files", 100_000);
        FingerprintReader parser = new FingerprintReader();
        InputRecords inputs = new InputRecords();
        InputRecords.Run run = inputs.run(0);
        for (int i = 0; i < 60; i++) {
            run.add(i, Json.reading(110, i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < files; i++) {
            long equip = 110 + i % 5;
            long start = (i / 5) * 60_000L;
            String uuid = Json.uuid(equip, start, start + 60_000);
            SaveRequest r = new SaveRequest(parser.read(Json.message(Json.fingerprintObject(uuid, equip, start, start + 60_000))
                    .getBytes(StandardCharsets.UTF_8)), inputs, SaveRequest.BY_TIME, null, List.of());
            try (OutputStream out = Files.newOutputStream(dir.resolve(FileNames.of(uuid, start, start + 60_000)))) {
                FingerprintDocument.write(r, out); // no fsync: only the index build is measured
            }
        }

        long t0 = System.nanoTime();
        FingerprintStore store = new FingerprintStore(dir);
        store.open();
        long openMs = (System.nanoTime() - t0) / 1_000_000;
        long q0 = System.nanoTime();
        int found = 0;
        for (int i = 0; i < 100; i++) {
            found += store.index().query(new FingerprintQuery("112", 600_000L * i, null, 50, null)).size();
        }
        long queryUs = (System.nanoTime() - q0) / 100 / 1_000;
        System.out.printf("indexed %d files in %d ms; a query takes %d µs%n", store.index().size(), openMs, queryUs);

        assertThat(store.index().size()).isEqualTo(files);
        assertThat(found).isPositive();
        assertThat(openMs).isLessThan(20_000);
        assertThat(queryUs).isLessThan(20_000);
    }
}
