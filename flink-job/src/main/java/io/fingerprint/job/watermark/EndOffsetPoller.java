package io.fingerprint.job.watermark;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks one cluster, once a second, for the end offsets (latest, read_committed: the last stable
 * offset) of every partition asked about in the last minute, with one {@code listOffsets}. The
 * admin client and the thread start with the first question, so a job that never reads Kafka opens
 * no connection; both end when the poller is closed.
 */
final class EndOffsetPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EndOffsetPoller.class);
    static final long PERIOD_MS = 1_000;
    /** How long an answer counts as current; also the request's timeout. */
    static final long STALE_AFTER_MS = 3_000;
    static final long FORGET_AFTER_MS = 60_000;

    private final Map<String, String> config;
    private final Map<TopicPartition, Known> partitions = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean inFlight;
    // guarded by this
    private ScheduledExecutorService thread;
    private Admin admin;
    private boolean closed;

    EndOffsetPoller(Map<String, String> config) {
        this.config = config;
    }

    /** The latest answer for the partition (null if none), which it keeps asking about for a minute. */
    End ask(TopicPartition partition, long now) {
        Known known = partitions.computeIfAbsent(partition, tp -> new Known());
        known.askedAt = now;
        if (!started) {
            start();
        }
        return known.end;
    }

    private synchronized void start() {
        if (started || closed) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "kafka-caught-up-probe");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::poll, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        started = true;
    }

    private synchronized void poll() {
        long now = System.currentTimeMillis();
        partitions.values().removeIf(k -> now - k.askedAt > FORGET_AFTER_MS);
        if (closed || partitions.isEmpty() || inFlight) {
            return;
        }
        try {
            if (admin == null) {
                Properties props = new Properties();
                props.putAll(config);
                props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "fingerprint-job-caught-up-probe");
                admin = Admin.create(props);
            }
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
            inFlight = true;
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs((int) STALE_AFTER_MS))
                    .all().whenComplete((answers, error) -> {
                        for (TopicPartition tp : request.keySet()) {
                            Known known = partitions.get(tp);
                            if (known == null) {
                                continue;
                            }
                            End before = known.end;
                            if (error != null || answers.get(tp) == null) {
                                known.end = null;
                            } else {
                                long offset = answers.get(tp).offset();
                                known.end = new End(offset, before != null && before.offset() == offset ? before.since() : now, now);
                            }
                        }
                        inFlight = false;
                    });
        } catch (RuntimeException e) {
            inFlight = false;
            LOG.warn("Could not ask Kafka for the end offsets of {}: {}", partitions.keySet(), e.toString());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** A partition's end offset, asked at {@code at}, the same since {@code since}. */
    record End(long offset, long since, long at) {
    }

    private static final class Known {
        volatile long askedAt;
        volatile End end;
    }
}
