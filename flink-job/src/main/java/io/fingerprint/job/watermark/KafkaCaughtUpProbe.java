package io.fingerprint.job.watermark;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link CaughtUpProbe} that asks the brokers, through the {@link EndOffsetPoller} of the source's
 * cluster and settings. A partition is caught up while the answers are fresh (at most
 * {@link EndOffsetPoller#STALE_AFTER_MS} old) and end at the generator's next offset, from the
 * first of an unbroken run of such answers until the latest, each taken as the time its request was
 * sent; a failed or late answer (broker unreachable) or a new end offset starts a new run.
 *
 * <p>The pollers live as long as the source subtasks that use them: each reader of the source
 * {@link Factory#keptOpenBy wrapped} by the factory holds its poller open, the subtasks of one
 * TaskManager share it, and the last one to close closes it. A TaskManager running many jobs or
 * slots keeps no client of a finished one. Without an open poller, nothing is confirmed.
 *
 * <p>Limitation: a transactional producer's commit markers take offsets the consumer never sees, so
 * with such producers the partition never looks caught up and its watermark does not advance by the
 * wall clock (windows then close with the next readings, as without an idle timeout).
 */
public final class KafkaCaughtUpProbe implements CaughtUpProbe {

    /** Per client configuration (bootstrap servers and security settings). */
    private static final ReferenceCountedResources<Map<String, String>, EndOffsetPoller> POLLERS =
            new ReferenceCountedResources<>(EndOffsetPoller::new);

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
        return new Factory(config);
    }

    @Override
    public Confirmed caughtUp(String topic, int partition, long nextOffset) {
        EndOffsetPoller poller = POLLERS.find(config);
        if (poller == null) {
            return null;
        }
        long now = System.currentTimeMillis();
        EndOffsetPoller.End end = poller.ask(new TopicPartition(topic, partition), now);
        if (end == null || end.offset() > nextOffset || now - end.at() > EndOffsetPoller.STALE_AFTER_MS) {
            return null;
        }
        return new Confirmed(end.since(), end.at());
    }

    /** Makes probes of one cluster and keeps its poller open while a source reader of it runs. */
    public static final class Factory implements CaughtUpProbe.Factory {
        private static final long serialVersionUID = 1L;
        private final TreeMap<String, String> config;

        private Factory(TreeMap<String, String> config) {
            this.config = config;
        }

        @Override
        public CaughtUpProbe create() {
            return new KafkaCaughtUpProbe(config);
        }

        /** Holds this cluster's poller open until closed: shared with every other holder in this JVM. */
        public AutoCloseable open() {
            return POLLERS.acquire(config);
        }

        /** {@code source}, each of whose readers holds this cluster's poller open while it runs. */
        public <T, S extends SourceSplit, E> Source<T, S, E> keptOpenBy(Source<T, S, E> source) {
            return new ProbeHoldingSource<>(source, this);
        }
    }
}
