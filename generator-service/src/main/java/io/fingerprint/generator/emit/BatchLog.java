package io.fingerprint.generator.emit;

import org.jboss.logging.Logger;

/**
 * Operator logging: at low rates one line per batch (one batch a second) like the original
 * generator; above {@link #EACH_BATCH_UP_TO} readings/s a summary every 10 s instead, so a high
 * rate never floods the log. Send failures are reported at most once per window, with a count.
 */
final class BatchLog {

    static final int EACH_BATCH_UP_TO = 100;
    private static final long WINDOW_NANOS = 10_000_000_000L;
    private static final Logger LOG = Logger.getLogger("io.fingerprint.generator");

    private final int[] equipmentIds;
    private final EmissionStats stats;
    private long batchNumber;
    private long windowStart;
    private long windowFirstBatch = 1;
    private long windowEmitted;
    private long windowThrottled;
    private long windowSentBase;
    private long windowFailedBase;
    private boolean windowHadHighRate;

    BatchLog(int[] equipmentIds, EmissionStats stats, long nowNanos) {
        this.equipmentIds = equipmentIds;
        this.stats = stats;
        this.windowStart = nowNanos;
    }

    void afterTick(Batch batch, int rate, long nowNanos) {
        if (batch.emitted > 0 || batch.throttled > 0) {
            batchNumber++;
            if (rate <= EACH_BATCH_UP_TO) {
                LOG.infof("Batch #%d: sent %d messages (equip_ids: %s)", batchNumber, batch.emitted,
                        batch.equipmentLabel(equipmentIds));
            } else {
                windowHadHighRate = true;
            }
        }
        windowEmitted += batch.emitted;
        windowThrottled += batch.throttled;
        if (nowNanos - windowStart >= WINDOW_NANOS) {
            closeWindow(rate, nowNanos);
        }
    }

    private void closeWindow(int rate, long nowNanos) {
        double seconds = (nowNanos - windowStart) / 1e9;
        long sent = stats.sent();
        long failed = stats.failed();
        if (windowHadHighRate) {
            LOG.infof("Batches #%d-#%d: sent %d messages in %.1f s (%.0f/s, target %d/s); "
                            + "acknowledged %d, throttled %d", windowFirstBatch, batchNumber, windowEmitted,
                    seconds, windowEmitted / seconds, rate, sent - windowSentBase, windowThrottled);
        } else if (windowThrottled > 0) {
            LOG.warnf("Kafka is not keeping up: %d readings skipped in the last %.0f s", windowThrottled, seconds);
        }
        long newFailures = failed - windowFailedBase;
        if (newFailures > 0) {
            LOG.warnf("%d messages failed to send in the last %.0f s (total %d); last error: %s",
                    newFailures, seconds, failed, stats.takeLastFailure());
        }
        windowStart = nowNanos;
        windowFirstBatch = batchNumber + 1;
        windowEmitted = 0;
        windowThrottled = 0;
        windowSentBase = sent;
        windowFailedBase = failed;
        windowHadHighRate = false;
    }
}
