package io.fingerprint.generator.emit;

import io.fingerprint.generator.GeneratorConfig;
import io.fingerprint.generator.reading.ReadingFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Drives emission. The Quarkus scheduler fires once a second (its finest interval); each tick is
 * one batch and paces itself in {@value #SLICES_PER_TICK} slices of 50 ms, so sends are spread
 * over the second instead of one burst, and a rate change is seen within one slice.
 *
 * <p>A tick ends after 900 ms, before the next one is due; with {@code SKIP} a late tick is
 * dropped rather than run twice in parallel, and the {@link Pacer} caps catch-up, so falling
 * behind never piles up.
 */
@Singleton
public class GeneratorTicker {

    static final int SLICES_PER_TICK = 18;
    private static final Logger LOG = Logger.getLogger("io.fingerprint.generator");
    private static final long SLICE_NANOS = 50_000_000L;
    private static final long MAX_CATCH_UP_NANOS = 300_000_000L;
    private static final long WAIT_FOR_ROOM_NANOS = 1_000_000L;

    private final Pacer pacer = new Pacer(MAX_CATCH_UP_NANOS);

    @Inject
    GeneratorConfig config;
    @Inject
    RateControl control;
    @Inject
    KafkaReadingSender sender;
    @Inject
    ReadingCounters counters;

    private ReadingFactory factory;
    private int[] equipmentIds;
    private String[] keys;
    private int jitterMs;
    private BatchLog batchLog;
    private int nextEquipment;
    private volatile boolean stopping;

    @PostConstruct
    void init() {
        factory = new ReadingFactory(config.equipmentIds(), config.sensorIds(), config.nullProbability());
        equipmentIds = config.equipmentIds().stream().mapToInt(Integer::intValue).toArray();
        keys = config.equipmentIds().stream().map(String::valueOf).toArray(String[]::new);
        jitterMs = config.jitterMs();
        batchLog = new BatchLog(equipmentIds, counters, System.nanoTime());
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(identity = "generator-tick", every = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        int firstEquipment = nextEquipment;
        long next = System.nanoTime();
        for (int slice = 0; slice < SLICES_PER_TICK && !stopping; slice++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            next += SLICE_NANOS;
            long due = pacer.due(System.nanoTime(), control.effectiveRate());
            counters.onThrottled(pacer.takeSkipped()); // the tick started late: that time's readings are not made up
            emit(due, next);
        }
        long now = System.nanoTime();
        int rate = control.effectiveRate();
        switch (counters.onTickEnd(now, rate)) {
            case FELL_SHORT -> LOG.warnf("The generator reaches %,.0f readings/s of the %,d set: Kafka or this machine is the limit"
                    + " (GET /generator shows rate_reached false and the throttled count)", counters.achievedPerSecond(), rate);
            case REACHED_AGAIN -> LOG.infof("The generator reaches the rate set again (%,d readings/s)", rate);
            case NONE -> {
            }
        }
        batchLog.afterTick(firstEquipment, control.effectiveRate(), now);
    }

    /**
     * Sends what is due. When the emitter is full it waits for room until the next slice is due;
     * what still does not fit by then is skipped and counted, never queued (back-pressure).
     */
    private void emit(long due, long deadlineNanos) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long i = 0; i < due; i++) {
            int e = nextEquipment;
            boolean sent = false;
            if (awaitCapacity(deadlineNanos)) {
                long timestamp = System.currentTimeMillis();
                if (jitterMs > 0) {
                    timestamp -= random.nextInt(jitterMs + 1);
                }
                sent = sender.send(keys[e], factory.json(e, timestamp, random), timestamp);
            }
            if (!sent) {
                counters.onThrottled(due - i);
                return;
            }
            nextEquipment = e + 1 == equipmentIds.length ? 0 : e + 1;
        }
    }

    private boolean awaitCapacity(long deadlineNanos) {
        while (!sender.hasCapacity()) {
            if (stopping || System.nanoTime() >= deadlineNanos) {
                return false;
            }
            LockSupport.parkNanos(WAIT_FOR_ROOM_NANOS);
        }
        return true;
    }
}
