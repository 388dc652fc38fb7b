package io.fingerprint.saver.store;

import io.fingerprint.saver.SaverConfig;
import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.saver.join.SaveRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import org.jboss.logging.Logger;

/** The output folder: saves files atomically, keeps the index, and finds a saved file by uuid. */
@ApplicationScoped
public class FingerprintStore {

    private static final Logger LOG = Logger.getLogger(FingerprintStore.class);
    /** Less free space than this and the folder counts as full: a saved file is often larger. */
    static final long MIN_FREE_BYTES = 64 * 1024;

    private final Path dir;
    private final FingerprintIndex index = new FingerprintIndex();

    @Inject
    FingerprintStore(SaverConfig config) {
        this(Path.of(config.outputDir()));
    }

    public FingerprintStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    private static void removeIfAbandoned(Path temp) {
        try {
            if (AtomicFileWriter.removeIfAbandoned(temp)) {
                LOG.infof("Removed %s, left by a saver that stopped while writing it", temp.getFileName());
            }
        } catch (IOException e) {
            LOG.warnf("Left %s in place: %s", temp.getFileName(), e.toString()); // not ours to open: its owner cleans it
        }
    }

    /**
     * Creates the folder, removes temporary files a crash left and indexes the saved ones. Other savers
     * may share the folder: a temporary file one of them is writing is locked, and left alone.
     */
    public void open() {
        long started = System.nanoTime();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + dir, e);
        }
        List<Path> saved = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (FileNames.isTemp(name) && name.endsWith(".json")) {
                    removeIfAbandoned(file);
                } else if (FileNames.saved(name).matches()) {
                    saved.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the output folder " + dir, e);
        }
        AtomicInteger unreadable = new AtomicInteger();
        ThreadLocal<SavedFileReader> readers = ThreadLocal.withInitial(SavedFileReader::new);
        saved.parallelStream().forEach(file -> {
            try {
                FingerprintSummary s = readers.get().read(file);
                Matcher name = FileNames.saved(file.getFileName().toString());
                if (name.matches() && name.group(1).equals(s.uuid())) {
                    index.put(s);
                } else {
                    unreadable.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                unreadable.incrementAndGet();
                LOG.warnf("Skipped %s while indexing: %s", file.getFileName(), e.getMessage());
            }
        });
        LOG.infof("Indexed %d saved fingerprints in %s (%d ms%s)", index.size(), dir,
                (System.nanoTime() - started) / 1_000_000, unreadable.get() > 0 ? ", " + unreadable.get() + " unreadable" : "");
    }

    /**
     * Indexes the files other savers sharing the folder wrote since the last look (a listing of names:
     * only new ones are read). The summaries added. (A file removed by hand stays listed until a restart:
     * forgetting here would race with this saver's own writes.)
     */
    public List<FingerprintSummary> refresh() throws IOException {
        List<FingerprintSummary> added = new ArrayList<>();
        SavedFileReader reader = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Matcher name = FileNames.saved(file.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                if (index.get(name.group(1)).isPresent()) {
                    continue;
                }
                reader = reader == null ? new SavedFileReader() : reader;
                try {
                    FingerprintSummary s = reader.read(file);
                    if (s.uuid().equals(name.group(1))) {
                        index.put(s);
                        added.add(s);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.debugf("Not indexed yet %s: %s", file.getFileName(), e.getMessage());
                }
            }
        }
        return added;
    }

    /** Writes the file (atomically, durably) and indexes it. */
    public FingerprintSummary save(SaveRequest request) throws IOException {
        ReceivedFingerprint f = request.fingerprint();
        FingerprintSummary summary = new FingerprintSummary(f.uuid(), f.equipId(), f.type(), f.startMs(), f.endMs(),
                f.sensors(), request.inputRecords().size(), request.complete());
        AtomicFileWriter.write(dir, summary.fileName(), out -> FingerprintDocument.write(request, out));
        index.put(summary);
        return summary;
    }

    /** The saved file of a uuid known to the index; the path is built from the index, never from the request. */
    public Optional<Path> file(String uuid) {
        return index.get(uuid).map(s -> dir.resolve(s.fileName()));
    }

    public FingerprintIndex index() {
        return index;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Null when a file can be created in the folder now and it has room for one, else why not. (A
     * full file system still lets an empty file be created, so the free space is asked separately.)
     */
    public String checkWritable() {
        if (!Files.isDirectory(dir)) {
            return "output folder " + dir + " does not exist";
        }
        try {
            Files.delete(Files.createTempFile(dir, FileNames.TEMP_PREFIX, ".probe"));
        } catch (IOException e) {
            return "output folder " + dir + " is not writable: " + e.getMessage();
        }
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                return "output folder " + dir + " is full: " + free + " bytes free";
            }
        } catch (IOException e) {
            return "output folder " + dir + " cannot tell its free space: " + e.getMessage();
        }
        return null;
    }
}
