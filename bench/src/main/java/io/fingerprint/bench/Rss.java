package io.fingerprint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** A process's resident set size (VmRSS of /proc/PID/status), in MiB. */
final class Rss {

    private Rss() {
    }

    static long mb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the RSS of process " + pid, e);
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS line");
    }

    /** The largest RSS of samples taken every 250 ms on its own thread, from creation to {@link #close()}. */
    static final class Peak implements AutoCloseable {
        private final AtomicLong max = new AtomicLong();
        private final Thread sampler;
        private volatile boolean sampling = true;

        Peak(long pid) {
            max.set(mb(pid));
            sampler = new Thread(() -> {
                while (sampling) {
                    try {
                        max.accumulateAndGet(mb(pid), Math::max);
                        Thread.sleep(250); // the sampling period
                    } catch (InterruptedException e) {
                        return;
                    } catch (UncheckedIOException gone) {
                        return; // the process ended; its exit is reported where it is awaited
                    }
                }
            }, "rss-" + pid);
            sampler.setDaemon(true);
            sampler.start();
        }

        long maxMb() {
            return max.get();
        }

        @Override
        public void close() throws InterruptedException {
            sampling = false;
            sampler.interrupt();
            sampler.join();
        }
    }
}
