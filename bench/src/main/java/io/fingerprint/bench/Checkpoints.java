package io.fingerprint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The job's completed checkpoints, from its REST API: Flink remembers only the last few
 * ({@code web.checkpoints.history}, 10), so a thread asks every 2 s and keeps each one it sees.
 */
final class Checkpoints implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One completed checkpoint: when it was triggered, what it uploaded, the state it stands for, how long it took. */
    record Checkpoint(long triggeredAt, long checkpointedBytes, long stateBytes, long durationMs) {
    }

    /** Checkpoints of a time span: how many, uploaded bytes and duration (p50 and max), the full state at most. */
    record Summary(int count, long checkpointedP50, long checkpointedMax, long stateMax, long durationP50, long durationP99, long durationMax) {
    }

    private final String jobUrl;
    private final Map<Long, Checkpoint> byId = new ConcurrentSkipListMap<>();
    private final Thread poller;
    private volatile boolean closed;

    private Checkpoints(String jobUrl) {
        this.jobUrl = jobUrl;
        this.poller = new Thread(this::poll, "checkpoint-stats");
        poller.setDaemon(true);
        poller.start();
    }

    /** Follows the one running job of the Flink REST API at {@code restUrl}. */
    static Checkpoints follow(String restUrl) throws Exception {
        JsonNode jobs = JSON.readTree(Jvm.Http.getOk(restUrl + "/jobs/overview")).get("jobs");
        for (JsonNode job : jobs) {
            if ("RUNNING".equals(job.get("state").asText())) {
                return new Checkpoints(restUrl + "/jobs/" + job.get("jid").asText());
            }
        }
        throw new IllegalStateException("no running job at " + restUrl);
    }

    private void poll() {
        while (!closed) {
            try {
                for (JsonNode c : JSON.readTree(Jvm.Http.getOk(jobUrl + "/checkpoints")).get("history")) {
                    if ("COMPLETED".equals(c.get("status").asText()) && !c.get("is_savepoint").asBoolean()) {
                        byId.putIfAbsent(c.get("id").asLong(), new Checkpoint(c.get("trigger_timestamp").asLong(),
                                c.get("checkpointed_size").asLong(), c.get("state_size").asLong(), c.get("end_to_end_duration").asLong()));
                    }
                }
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the job is starting or going away: ask again
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** The completed checkpoints triggered in [from, to). */
    Summary between(long from, long to) {
        List<Checkpoint> in = new ArrayList<>();
        byId.values().forEach(c -> {
            if (c.triggeredAt() >= from && c.triggeredAt() < to) {
                in.add(c);
            }
        });
        long[] uploaded = in.stream().mapToLong(Checkpoint::checkpointedBytes).sorted().toArray();
        long[] durations = in.stream().mapToLong(Checkpoint::durationMs).sorted().toArray();
        long stateMax = in.stream().mapToLong(Checkpoint::stateBytes).max().orElse(0);
        return new Summary(in.size(), rank(uploaded, 0.5), rank(uploaded, 1), stateMax, rank(durations, 0.5), rank(durations, 0.99), rank(durations, 1));
    }

    /** Nearest rank; 0 for none. */
    private static long rank(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : SaverBench.percentile(sorted, q);
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }
}
