package io.fingerprint.bench;

import io.fingerprint.job.FingerprintJob;
import io.fingerprint.job.JobOptions;
import io.fingerprint.job.ingest.ParsedRecord;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The product job's first step alone: its Kafka source with its parser ({@link FingerprintJob#kafkaSource}),
 * into a sink that only counts. No batching, shuffle, window, state or transaction: what any Flink job
 * reading this topic pays before doing anything, beside the ceiling's plain consumers.
 */
final class SourceAlone {

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private SourceAlone() {
    }

    /** Runs to the end of the topic; returns the records that reached the sink. */
    static long run(String bootstrap, BenchData data, int parallelism, String run) throws Exception {
        JobOptions options = JobOptions.parse("--bootstrap-servers", bootstrap, "--input-topic", data.topic,
                "--group-id", "bench-source-" + run, "--starting-offsets", "earliest", "--bounded");
        StreamExecutionEnvironment env = BenchEnvironment.create(parallelism);
        String id = UUID.randomUUID().toString();
        COUNTS.put(id, new LongAdder());
        try {
            env.fromSource(FingerprintJob.kafkaSource(options), WatermarkStrategy.noWatermarks(), "sensor-data source")
                    .sinkTo(new Counting(id));
            env.execute("source alone");
            return COUNTS.get(id).sum();
        } finally {
            COUNTS.remove(id);
        }
    }

    /** Counts into {@link #COUNTS}: the MiniCluster runs in this JVM. */
    private record Counting(String id) implements Sink<ParsedRecord> {
        @Override
        public SinkWriter<ParsedRecord> createWriter(WriterInitContext context) {
            LongAdder count = COUNTS.get(id);
            return new SinkWriter<>() {
                @Override
                public void write(ParsedRecord element, Context ctx) {
                    count.increment();
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
