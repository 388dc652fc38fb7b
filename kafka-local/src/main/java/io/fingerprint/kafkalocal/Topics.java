package io.fingerprint.kafkalocal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topic creation that is ready when it returns: the one way the broker fixture, the launcher,
 * the benchmark and the tests create topics.
 *
 * <p>{@code createTopics(...).all().get()} returns once the controller has recorded the topics;
 * the broker applies that metadata a moment later, so a {@code describeTopics}, a produce or a
 * fetch right after it can still get {@code UnknownTopicOrPartitionException} or
 * {@code LeaderNotAvailableException}, or see a partition without a leader. Here creation returns
 * only once every partition of every topic has a leader that this client sees and that serves it
 * (answers a list-offsets request, so the partition's log exists there); those retriable
 * answers of a fresh topic are retried with a short backoff until the bound, and then (or at once
 * for an error no retry can cure, such as a replication factor the cluster cannot give) an
 * {@link IllegalStateException} names the topic and what was missing.
 *
 * <p>It uses only the {@link Admin} API, so it works with any kafka-clients 3.x/4.x on the
 * caller's classpath (Quarkus', Flink's 4.2.0), not only the broker's own.
 */
public final class Topics {

    private static final long FIRST_BACKOFF_MS = 25;
    private static final long MAX_BACKOFF_MS = 500;

    private Topics() {
    }

    /** A topic with one replica (all the single-node broker can hold). */
    public static NewTopic topic(String name, int partitions) {
        return new NewTopic(name, partitions, (short) 1);
    }

    /**
     * Creates the topics, none of which may exist yet, and returns once every partition of each
     * has a leader this client sees, and that leader serves it.
     *
     * @throws IllegalStateException naming the topic, if one cannot be created or is not ready within {@code timeout}
     */
    public static void create(Admin admin, Duration timeout, NewTopic... topics) throws InterruptedException {
        create(admin, timeout, List.of(topics));
    }

    /** {@link #create(Admin, Duration, NewTopic...)} for a collection. */
    public static void create(Admin admin, Duration timeout, Collection<NewTopic> topics) throws InterruptedException {
        createAndAwait(admin, timeout, topics, false);
    }

    /**
     * As {@link #create(Admin, Duration, NewTopic...)}, but a topic that exists already is kept as
     * it is (whatever its partition count) and waited for like the new ones.
     */
    public static void ensure(Admin admin, Duration timeout, NewTopic... topics) throws InterruptedException {
        ensure(admin, timeout, List.of(topics));
    }

    /** {@link #ensure(Admin, Duration, NewTopic...)} for a collection. */
    public static void ensure(Admin admin, Duration timeout, Collection<NewTopic> topics) throws InterruptedException {
        createAndAwait(admin, timeout, topics, true);
    }

    /**
     * Waits until every partition of each named (existing) topic has a leader this client sees,
     * and that leader serves it.
     *
     * @throws IllegalStateException naming the topic and what was missing, if one is not ready within {@code timeout}
     */
    public static void awaitReady(Admin admin, Duration timeout, String... topics) throws InterruptedException {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String topic : topics) {
            expected.put(topic, -1);
        }
        awaitReady(admin, timeout, deadline(timeout), expected);
    }

    private static void createAndAwait(Admin admin, Duration timeout, Collection<NewTopic> topics, boolean keepExisting)
            throws InterruptedException {
        Objects.requireNonNull(admin, "admin");
        long deadline = deadline(timeout);
        if (topics.isEmpty()) {
            return;
        }
        CreateTopicsResult result = admin.createTopics(topics, new CreateTopicsOptions().timeoutMs(remainingMs(deadline)));
        Map<String, KafkaFuture<Void>> created = result.values();
        // topic → partitions expected in its description (-1: whatever it has, for one that existed)
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (NewTopic topic : topics) {
            try {
                created.get(topic.name()).get(remainingMs(deadline) + 1_000, TimeUnit.MILLISECONDS);
                expected.put(topic.name(), topic.numPartitions());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (keepExisting && cause instanceof TopicExistsException) {
                    expected.put(topic.name(), -1);
                    continue;
                }
                throw new IllegalStateException("cannot create topic '" + topic.name() + "' (" + shape(topic) + "): "
                        + describe(cause), cause);
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot create topic '" + topic.name() + "' (" + shape(topic)
                        + "): no answer from the broker within " + seconds(timeout), e);
            }
        }
        awaitReady(admin, timeout, deadline, expected);
    }

    private static void awaitReady(Admin admin, Duration timeout, long deadline, Map<String, Integer> expected)
            throws InterruptedException {
        List<String> waiting = new ArrayList<>(expected.keySet());
        Map<String, String> missing = new LinkedHashMap<>();
        long backoff = FIRST_BACKOFF_MS;
        while (true) {
            missing.clear();
            Map<String, TopicDescription> led = new LinkedHashMap<>();
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(waiting,
                    new DescribeTopicsOptions().timeoutMs(remainingMs(deadline))).topicNameValues();
            for (String topic : waiting) {
                try {
                    TopicDescription d = described.get(topic).get(remainingMs(deadline) + 1_000, TimeUnit.MILLISECONDS);
                    String notReady = notReady(d, expected.get(topic));
                    if (notReady != null) {
                        missing.put(topic, notReady);
                    } else {
                        led.put(topic, d);
                    }
                } catch (ExecutionException e) {
                    missing.put(topic, retriable(topic, e.getCause()));
                } catch (TimeoutException e) {
                    missing.put(topic, "no answer from the broker");
                }
            }
            awaitServed(admin, deadline, led, missing);
            if (missing.isEmpty()) {
                return;
            }
            waiting.retainAll(missing.keySet());
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff) - deadline > 0) {
                Map.Entry<String, String> first = missing.entrySet().iterator().next();
                throw new IllegalStateException("topic '" + first.getKey() + "' not ready within " + seconds(timeout) + ": "
                        + first.getValue() + (missing.size() > 1 ? " (also not ready: " + String.join(", ",
                        missing.keySet().stream().skip(1).toList()) + ")" : ""));
            }
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    /**
     * The metadata names a leader a moment before that broker has the partition's log and serves
     * it; a list-offsets request to each leader succeeds only then. Topics with a partition not yet
     * served go to {@code missing}.
     */
    private static void awaitServed(Admin admin, long deadline, Map<String, TopicDescription> led,
                                    Map<String, String> missing) throws InterruptedException {
        if (led.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetSpec> query = new LinkedHashMap<>();
        led.forEach((topic, d) -> d.partitions().forEach(p -> query.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        // short, so that a partition still not served comes back here with its error rather than as a timeout
        ListOffsetsResult offsets = admin.listOffsets(query,
                new ListOffsetsOptions().timeoutMs(Math.min(remainingMs(deadline), 2_000)));
        for (TopicPartition tp : query.keySet()) {
            if (missing.containsKey(tp.topic())) {
                continue;
            }
            try {
                offsets.partitionResult(tp).get(remainingMs(deadline) + 1_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                missing.put(tp.topic(), "partition " + tp.partition() + " not served by its leader yet: "
                        + retriable(tp.topic(), e.getCause()));
            } catch (TimeoutException e) {
                missing.put(tp.topic(), "partition " + tp.partition() + ": no answer from its leader");
            }
        }
    }

    /** The error's description if a fresh topic may still outgrow it; otherwise it fails the wait at once. */
    private static String retriable(String topic, Throwable cause) {
        if (!(cause instanceof RetriableException)) {
            throw new IllegalStateException("cannot use topic '" + topic + "': " + describe(cause), cause);
        }
        return describe(cause);
    }

    /** What the description still lacks, or null once every partition has a leader. */
    private static String notReady(TopicDescription description, int expectedPartitions) {
        List<TopicPartitionInfo> partitions = description.partitions();
        if (partitions.isEmpty() || (expectedPartitions > 0 && partitions.size() < expectedPartitions)) {
            return partitions.size() + " of " + (expectedPartitions > 0 ? expectedPartitions : "its") + " partitions known";
        }
        List<Integer> leaderless = partitions.stream()
                .filter(p -> p.leader() == null || p.leader().isEmpty())
                .map(TopicPartitionInfo::partition).toList();
        if (!leaderless.isEmpty()) {
            return "no leader for partition" + (leaderless.size() > 1 ? "s " : " ") + leaderless;
        }
        return null;
    }

    private static String shape(NewTopic topic) {
        return (topic.numPartitions() > 0 ? topic.numPartitions() + " partition" + (topic.numPartitions() > 1 ? "s" : "")
                : "default partitions") + ", replication factor "
                + (topic.replicationFactor() > 0 ? topic.replicationFactor() : "default");
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static long deadline(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return System.nanoTime() + timeout.toNanos();
    }

    /** What is left until the deadline, for one more request: at least 100 ms. */
    private static int remainingMs(long deadline) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(100, Math.min(left, Integer.MAX_VALUE));
    }

    private static String seconds(Duration timeout) {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
