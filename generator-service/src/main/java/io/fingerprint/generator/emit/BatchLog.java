package io.fingerprint.generator.emit;

import io.fingerprint.generator.emit.ReadingCounters.Totals;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Operator logging: at low rates one line per batch (one tick, one batch a second) like the original
 * generator; above {@link #EACH_BATCH_UP_TO} readings/s a summary every 10 s instead, so a high
 * rate never floods the log. Send failures are reported at most once per window, with a count.
 * Every number is a difference of {@link ReadingCounters} totals.
 */
final class BatchLog {

    static final int EACH_BATCH_UP_TO = 100;
    private static final long WINDOW_NANOS = 10_000_000_000L;
    private static final Logger LOG = Logger.getLogger("io.fingerprint.generator");

    private final int[] equipmentIds;
    private final ReadingCounters counters;
    private long batchNumber;
    private Totals atTickStart;
    private Totals atWindowStart;
    private long windowStartNanos;
    private long windowFirstBatch = 1;
    private boolean windowHadHighRate;

    BatchLog(int[] equipmentIds, ReadingCounters counters, long nowNanos) {
        this.equipmentIds = equipmentIds;
        this.counters = counters;
        this.atTickStart = counters.totals();
        this.atWindowStart = atTickStart;
        this.windowStartNanos = nowNanos;
    }

    /** After a tick whose readings went round-robin from the equipment at {@code firstEquipment}. */
    void afterTick(int firstEquipment, int rate, long nowNanos) {
        Totals now = counters.totals();
        Totals tick = now.since(atTickStart);
        atTickStart = now;
        if (tick.emitted() > 0 || tick.throttled() > 0) {
            batchNumber++;
            if (rate <= EACH_BATCH_UP_TO) {
                LOG.infof("Batch #%d: sent %d messages (equip_ids: %s)", batchNumber, tick.emitted(),
                        equipmentLabel(equipmentIds, firstEquipment, tick.emitted()));
            } else {
                windowHadHighRate = true;
            }
        }
        if (nowNanos - windowStartNanos >= WINDOW_NANOS) {
            closeWindow(now, rate, nowNanos);
        }
    }

    private void closeWindow(Totals now, int rate, long nowNanos) {
        Totals window = now.since(atWindowStart);
        double seconds = (nowNanos - windowStartNanos) / 1e9;
        if (windowHadHighRate) {
            LOG.infof("Batches #%d-#%d: sent %d messages in %.1f s (%.0f/s, target %d/s); "
                            + "acknowledged %d, throttled %d", windowFirstBatch, batchNumber, window.emitted(),
                    seconds, window.emitted() / seconds, rate, window.sent(), window.throttled());
        } else if (window.throttled() > 0) {
            LOG.warnf("Kafka is not keeping up: %d readings skipped in the last %.0f s", window.throttled(), seconds);
        }
        if (window.failed() > 0) {
            LOG.warnf("%d messages failed to send in the last %.0f s (total %d); last error: %s",
                    window.failed(), seconds, now.failed(), counters.takeLastFailure());
        }
        atWindowStart = now;
        windowStartNanos = nowNanos;
        windowFirstBatch = batchNumber + 1;
        windowHadHighRate = false;
    }

    /**
     * The equipment ids {@code count} round-robin readings from index {@code first} covered, as the
     * original printed them: "110-114", or "110,112".
     */
    static String equipmentLabel(int[] equipmentIds, int first, long count) {
        int[] ids = IntStream.range(0, (int) Math.min(count, equipmentIds.length))
                .map(i -> equipmentIds[(first + i) % equipmentIds.length]).sorted().toArray();
        if (ids.length == 0) {
            return "none";
        }
        if (ids.length > 1 && ids[ids.length - 1] - ids[0] == ids.length - 1) {
            return ids[0] + "-" + ids[ids.length - 1];
        }
        return Arrays.stream(ids).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }
}
