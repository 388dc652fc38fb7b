package io.fingerprint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark JVM's heap in use and resident memory, sampled every 20 ms while a measurement runs
 * in it (2's MiniCluster does): their peaks, beside what was in use when it started.
 */
final class MemoryWatch implements AutoCloseable {

    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE = 4096;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long heapBefore;
    private final long rssBefore;
    private volatile long heapPeak;
    private volatile long rssPeak;
    private final Thread sampler;
    private volatile boolean closed;

    private MemoryWatch() {
        System.gc();
        heapBefore = memory.getHeapMemoryUsage().getUsed();
        rssBefore = rss();
        sampler = new Thread(this::sample, "memory-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    static MemoryWatch start() {
        return new MemoryWatch();
    }

    private void sample() {
        while (!closed) {
            heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed());
            rssPeak = Math.max(rssPeak, rss());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Resident bytes, 0 where /proc is missing. */
    private static long rss() {
        try {
            return Long.parseLong(Files.readString(STATM).trim().split("\\s+")[1]) * PAGE;
        } catch (Exception e) {
            return 0;
        }
    }

    String describe() {
        return String.format(java.util.Locale.ROOT, "heap peak %,d MB (%,d MB in use before it), resident peak %,d MB (%,d MB before)",
                heapPeak >> 20, heapBefore >> 20, rssPeak >> 20, rssBefore >> 20);
    }

    @Override
    public void close() {
        closed = true;
        sampler.interrupt();
    }
}
