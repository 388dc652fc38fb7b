package io.fingerprint.saver.store;

import io.fingerprint.saver.SaverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Several savers in one consumer group may share one output folder (files are unique by name and
 * written atomically): each saves only its own fingerprints, yet serves every file. So the index
 * follows the folder: every {@code saver.index-refresh} the folder's names are listed, and files
 * another saver wrote are indexed and announced on the SSE stream. A listing rather than file-system
 * events: those do not cross hosts on a network volume.
 */
@ApplicationScoped
public class SharedFolderFollower {

    private static final Logger LOG = Logger.getLogger(SharedFolderFollower.class);

    private final FingerprintStore store;
    private final SavedFeed feed;
    private final long intervalMs;
    private ScheduledExecutorService executor;
    private volatile String lastProblem;

    SharedFolderFollower(FingerprintStore store, SavedFeed feed, SaverConfig config) {
        this.store = store;
        this.feed = feed;
        this.intervalMs = config.indexRefresh().toMillis();
    }

    /** After the index is built; off when the interval is 0. */
    public synchronized void start() {
        if (intervalMs <= 0 || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "saver-folder-follower");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::follow, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void follow() {
        try {
            List<FingerprintSummary> added = store.refresh();
            added.forEach(feed::publish);
            if (lastProblem != null) {
                LOG.infof("Following the output folder again (%d new files)", added.size());
                lastProblem = null;
            }
        } catch (IOException | RuntimeException e) {
            // Readiness already reports a missing or unwritable folder; say it here once, not every interval.
            if (lastProblem == null) {
                LOG.warnf("Cannot list the output folder for files other savers wrote: %s", e.getMessage());
            }
            lastProblem = String.valueOf(e.getMessage());
        }
    }
}
