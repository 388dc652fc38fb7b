package io.fingerprint.saver.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.saver.Json;
import io.fingerprint.formats.fingerprint.FingerprintReader;
import io.fingerprint.formats.fingerprint.InvalidFingerprintException;
import io.fingerprint.saver.join.InputRecords;
import io.fingerprint.saver.join.SaveRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files on disk and the index rebuilt from them after a restart. */
class FingerprintStoreTest {

    @TempDir
    Path dir;

    static SaveRequest request(long equip, long start, boolean complete, String... readings) throws InvalidFingerprintException {
        String uuid = Json.uuid(equip, start, start + 60_000);
        byte[] message = Json.message(Json.fingerprintObject(uuid, equip, start, start + 60_000)).getBytes(StandardCharsets.UTF_8);
        InputRecords inputs = new InputRecords();
        InputRecords.Run run = inputs.run(0);
        for (String r : readings) {
            run.add(0, r.getBytes(StandardCharsets.UTF_8));
        }
        return new SaveRequest(new FingerprintReader().read(message), inputs, SaveRequest.BY_TIME,
                complete ? null : "a test's incomplete file", List.of());
    }

    @Test
    void savedFilesAreIndexedAgainAfterARestartAndLeftoversAreCleaned() throws Exception {
        FingerprintStore first = new FingerprintStore(dir);
        first.open();
        for (int i = 0; i < 20; i++) {
            first.save(request(110 + i % 3, 1_000_000L + i * 60_000L, i % 5 != 0, Json.reading(110, 1_000_000L + i)));
        }
        // a temporary file whose writer died (nobody holds its lock), and one a partner saver sharing the
        // folder is writing now (it holds the lock)
        Files.writeString(dir.resolve(FileNames.TEMP_PREFIX + "123.json"), "{\"fingerprint\":");
        Path writing = Files.writeString(dir.resolve(FileNames.TEMP_PREFIX + "456.json"), "{\"fingerprint\":");
        FileChannel partner = FileChannel.open(writing, StandardOpenOption.WRITE);
        FileLock partnersLock = partner.lock();
        Files.writeString(dir.resolve(Json.uuid(1, 2, 3) + "_2_3.json"), "not json");
        Files.writeString(dir.resolve("notes.txt"), "kept");

        FingerprintStore second = new FingerprintStore(dir);
        second.open();

        assertThat(second.index().size()).isEqualTo(20);
        FingerprintQuery all = new FingerprintQuery(null, null, null, 1000, null);
        assertThat(second.index().query(all)).containsExactlyElementsOf(first.index().query(all));
        assertThat(second.index().query(new FingerprintQuery("111", null, null, 1000, null)))
                .hasSize(7).allSatisfy(s -> assertThat(s.equipId()).isEqualTo("111"));
        assertThat(second.index().query(all)).filteredOn(s -> !s.complete()).hasSize(4);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> FileNames.isTemp(n) || n.equals("notes.txt")))
                    .containsExactlyInAnyOrder(FileNames.TEMP_PREFIX + "456.json", "notes.txt");
        }
        // once the partner is gone (its lock dropped, as a crash drops it), the next start removes its leftover
        partnersLock.release();
        partner.close();
        new FingerprintStore(dir).open();
        assertThat(Files.exists(writing)).as("an abandoned temporary file").isFalse();
        try (Stream<Path> saved = Files.list(dir).filter(p -> p.toString().endsWith("_" + (1_000_000L + 60_000L) + "_" + (1_000_000L + 120_000L) + ".json"))) {
            // readable by whoever reads the folder (a bind mount, another user), not owner-only like a temp file
            assertThat(saved.toList()).singleElement().satisfies(p ->
                    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-r--r--"));
        }
    }

    @Test
    void aSecondSaveOfTheSameFingerprintReplacesTheFileAndTheIndexEntry() throws Exception {
        FingerprintStore store = new FingerprintStore(dir);
        store.open();
        store.save(request(5, 60_000, false));
        FingerprintSummary again = store.save(request(5, 60_000, true, Json.reading(5, 60_001)));

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
        assertThat(store.index().size()).isEqualTo(1);
        assertThat(store.index().get(again.uuid())).contains(again);
        assertThat(Files.readString(store.file(again.uuid()).orElseThrow()))
                .endsWith("\"input_records\":[" + Json.reading(5, 60_001) + "],\"input_count\":1,\"complete\":true}");
    }

    @Test
    void theWriteFailsCleanlyWhenTheFolderIsGone() throws Exception {
        Path gone = dir.resolve("gone");
        FingerprintStore store = new FingerprintStore(gone);
        store.open();
        Files.delete(gone);

        assertThat(store.checkWritable()).contains("does not exist");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.save(request(5, 60_000, true)))
                .isInstanceOf(IOException.class);
        assertThat(store.index().size()).isZero();
    }
}
