package io.fingerprint.saver.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that no reader and no crash ever sees half of it: into a temporary file in the
 * same folder, forced to disk, renamed over the final name in one step, then the folder forced so
 * the rename itself survives a power cut.
 *
 * <p>The writer holds a lock on its temporary file until the rename: the operating system drops it
 * when the writer dies, even by SIGKILL, so a temporary file nobody holds is a crash's leftover that
 * {@link #removeIfAbandoned} may delete, while a partner saver's write in progress sharing the folder
 * is left alone.
 */
final class AtomicFileWriter {

    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFileWriter() {
    }

    /**
     * On failure the temporary file is removed before the exception is thrown (a full disk frees
     * what it took); if even that fails, the write's own error is thrown with the cleanup's
     * attached, and the next start removes the leftover. Temporary names are never indexed or served.
     */
    static void write(Path dir, String name, Body body) throws IOException {
        Path temp = Files.createTempFile(dir, FileNames.TEMP_PREFIX, ".json");
        try {
            readableByAll(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 FileLock held = channel.lock()) {
                if (!Files.exists(temp)) {
                    // removed as abandoned between its creation and the lock: write a new one
                    write(dir, name, body);
                    return;
                }
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.writeTo(out);
                out.flush();
                channel.force(true);
                try {
                    Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the output folder cannot rename atomically: " + dir, e);
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        forceDirectory(dir);
    }

    /**
     * Deletes the temporary file if no writer holds it (its writer died); true if it did. A writer of
     * this JVM holding it counts as holding it.
     */
    static boolean removeIfAbandoned(Path temp) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
             FileLock free = channel.tryLock()) {
            if (free == null) {
                return false;
            }
            return Files.deleteIfExists(temp);
        } catch (OverlappingFileLockException | NoSuchFileException e) {
            return false; // written by this JVM right now, or already renamed
        }
    }

    /** A temp file is created owner-only; the saved documents are for whoever reads the folder. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a folder (Windows); the rename is atomic all the same.
        }
    }
}
