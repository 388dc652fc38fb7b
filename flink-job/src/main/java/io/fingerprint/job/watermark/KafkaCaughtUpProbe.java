package io.fingerprint.job.watermark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CaughtUpProbe} that asks the brokers: once a second, one daemon thread per JVM sends one
 * {@code listOffsets} (latest, read_committed: the last stable offset) per distinct client
 * configuration for every partition a watermark generator asked about in the last minute. A
 * partition is caught up while the answers are fresh (at most {@link #STALE_AFTER_MS} old) and end
 * at the generator's next offset, from the first of an unbroken run of such answers until the
 * latest, each taken as the time its request was sent; a failed or late answer (broker
 * unreachable) or a new end offset starts a new run.
 *
 * <p>The admin clients are built from the source's consumer properties (security settings
 * included) and closed after a minute without questions, and the thread ends when none is left, so
 * a JVM running many jobs keeps no clients of finished ones.
 *
 * <p>Limitation: a transactional producer's commit markers take offsets the consumer never sees, so
 * with such producers the partition never looks caught up and its watermark does not advance by the
 * wall clock (windows then close with the next readings, as without an idle timeout).
 */
public final class KafkaCaughtUpProbe implements CaughtUpProbe {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCaughtUpProbe.class);
    static final long PERIOD_MS = 1_000;
    static final long STALE_AFTER_MS = 3_000;
    static final long UNUSED_AFTER_MS = 60_000;

    /** Per client configuration; guarded by itself, as is {@link #thread}. */
    private static final Map<Map<String, String>, Client> CLIENTS = new HashMap<>();
    private static Thread thread;

    private final Map<String, String> config;

    private KafkaCaughtUpProbe(Map<String, String> config) {
        this.config = config;
    }

    /** Probes of the cluster the source reads, with its consumer properties (bootstrap servers included). */
    public static Factory factory(Properties consumerProperties) {
        Set<String> adminSettings = AdminClientConfig.configNames();
        TreeMap<String, String> config = new TreeMap<>();
        consumerProperties.forEach((k, v) -> {
            if (adminSettings.contains(String.valueOf(k))) {
                config.put(String.valueOf(k), String.valueOf(v));
            }
        });
        return () -> new KafkaCaughtUpProbe(config);
    }

    @Override
    public Confirmed caughtUp(String topic, int partition, long nextOffset) {
        long now = System.currentTimeMillis();
        Known known = client(config, now).partitions.computeIfAbsent(new TopicPartition(topic, partition), tp -> new Known());
        known.askedAt = now;
        End end = known.end;
        if (end == null || end.offset > nextOffset || now - end.at > STALE_AFTER_MS) {
            return null;
        }
        return new Confirmed(end.since, end.at);
    }

    /** The shared client of this configuration, made (and the thread started) if needed. */
    private static Client client(Map<String, String> config, long now) {
        synchronized (CLIENTS) {
            Client client = CLIENTS.computeIfAbsent(config, Client::new);
            client.lastUsedAt = now;
            if (thread == null) {
                thread = new Thread(KafkaCaughtUpProbe::run, "kafka-caught-up-probe");
                thread.setDaemon(true);
                thread.start();
            }
            return client;
        }
    }

    private static void run() {
        while (true) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            List<Client> active = new ArrayList<>();
            List<Client> unused = new ArrayList<>();
            long now = System.currentTimeMillis();
            synchronized (CLIENTS) {
                CLIENTS.values().removeIf(c -> now - c.lastUsedAt > UNUSED_AFTER_MS && unused.add(c));
                active.addAll(CLIENTS.values());
                if (active.isEmpty()) {
                    thread = null;
                }
            }
            unused.forEach(Client::close);
            if (active.isEmpty()) {
                return;
            }
            for (Client client : active) {
                try {
                    client.probe(now);
                } catch (RuntimeException e) {
                    LOG.warn("Could not ask Kafka for the end offsets of {}: {}", client.partitions.keySet(), e.toString());
                }
            }
        }
    }

    /** The answer for one partition: its end offset, asked at {@code at}, the same since {@code since}. */
    private record End(long offset, long since, long at) {
    }

    private static final class Known {
        volatile long askedAt;
        volatile End end;
    }

    private static final class Client {
        final Map<String, String> config;
        final Map<TopicPartition, Known> partitions = new ConcurrentHashMap<>();
        volatile long lastUsedAt;
        volatile boolean inFlight;
        private Admin admin; // the probe thread's

        Client(Map<String, String> config) {
            this.config = config;
        }

        void probe(long now) {
            partitions.values().removeIf(k -> now - k.askedAt > UNUSED_AFTER_MS);
            if (partitions.isEmpty() || inFlight) {
                return;
            }
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
                                known.end = new End(offset, before != null && before.offset == offset ? before.since : now, now);
                            }
                        }
                        inFlight = false;
                    });
        }

        void close() {
            if (admin != null) {
                admin.close(Duration.ofSeconds(1));
            }
        }
    }
}
