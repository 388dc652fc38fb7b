package io.fingerprint.job;

import io.fingerprint.formats.fingerprint.Fingerprint;
import io.fingerprint.job.batch.ReadingBatch;
import io.fingerprint.job.batch.ReadingBatcher;
import io.fingerprint.job.ingest.ParsedRecord;
import io.fingerprint.job.ingest.SensorRecordDeserializer;
import io.fingerprint.job.output.DeadLetter;
import io.fingerprint.job.output.TopicRecordSchema;
import io.fingerprint.job.watermark.IdleAdvancingWatermarks;
import io.fingerprint.job.watermark.KafkaCaughtUpProbe;
import io.fingerprint.job.window.EmitFingerprint;
import io.fingerprint.job.window.LateReadings;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The fingerprint job: sensor readings in, one fingerprint per equipment and event-time window out.
 *
 * <pre>
 * sensor-data ─▶ parse ─▶ watermarks ─▶ batch ─▶ keyBy equip_id ─▶ tumbling window ─▶ statistics ─▶ fingerprint-output
 *                  │ rejected                                           │ late
 *                  └───────────────────────────────────────────────────┴──────────────────────────▶ sensor-data-dlq
 * </pre>
 *
 * <p>The source and sinks come in through the constructor: {@link #main} wires the Kafka ones,
 * tests their own.
 */
public final class FingerprintJob {

    /** In a holder, not here: creating a tag starts logging, which main configures first. */
    static final class SideOutputs {
        static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected") { };
        static final OutputTag<ReadingBatch> LATE = new OutputTag<>("late") { };
    }

    /**
     * Readings per batch on the way to the window (see {@link ReadingBatcher}): big enough that the
     * per-record cost of the shuffle vanishes, small enough (about 18 KB) to stay a few network buffers.
     */
    static final int BATCH_READINGS = 256;

    /** Kafka's default transaction.max.timeout.ms is 15 min; the sink's own default (1 h) is refused. */
    static final String TRANSACTION_TIMEOUT_MS = "900000";

    private final JobOptions options;
    private final Source<ParsedRecord, ?, ?> source;
    private final Sink<Fingerprint> fingerprintSink;
    private final Sink<DeadLetter> deadLetterSink;

    public FingerprintJob(JobOptions options, Source<ParsedRecord, ?, ?> source,
            Sink<Fingerprint> fingerprintSink, Sink<DeadLetter> deadLetterSink) {
        this.options = options;
        this.source = source;
        this.fingerprintSink = fingerprintSink;
        this.deadLetterSink = deadLetterSink;
    }

    public static void main(String[] args) throws Exception {
        JobOptions options;
        try {
            if (java.util.Arrays.asList(args).contains("--help")) {
                System.out.print(JobOptions.usage());
                return;
            }
            options = JobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("flink-job: " + e.getMessage());
            System.err.print(JobOptions.usage());
            System.exit(2);
            return;
        }
        if (options.local && System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-local.xml");
        }
        org.slf4j.LoggerFactory.getLogger(FingerprintJob.class).info(
                "Fingerprint job: {} -> {} (dead letters: {}) on {}; {} windows, {} out-of-orderness, idle after {}, "
                        + "parallelism {}, checkpoints every {}, {}{}",
                options.inputTopic, options.outputTopic, options.dlqTopic, options.bootstrapServers,
                human(options.windowSize), human(options.outOfOrderness), human(options.idleTimeout), options.parallelism,
                human(options.checkpointInterval), options.deliveryGuarantee.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                options.local ? ", Web UI http://localhost:" + options.webUiPort : "");
        FingerprintJob job = new FingerprintJob(options, kafkaSource(options),
                kafkaSink(options, TopicRecordSchema.fingerprints(options.outputTopic), "fingerprints"),
                kafkaSink(options, TopicRecordSchema.deadLetters(options.dlqTopic), "dlq"));
        job.execute(environment(options));
    }

    private static String human(java.time.Duration d) {
        return org.apache.flink.util.TimeUtils.formatWithHighestUnit(d);
    }

    /** Builds the dataflow on {@code env} and runs it. */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute("sensor fingerprints " + options.inputTopic + " -> " + options.outputTopic);
    }

    /** Builds the dataflow on {@code env} without running it. */
    public void build(StreamExecutionEnvironment env) {
        KafkaCaughtUpProbe.Factory probes = KafkaCaughtUpProbe.factory(probeProperties(options));
        SingleOutputStreamOperator<ReadingBatch> batches = env
                .fromSource(probes.keptOpenBy(source), IdleAdvancingWatermarks.strategy(options.outOfOrderness, options.idleTimeout,
                        System::currentTimeMillis, probes), "sensor-data source")
                .uid("sensor-data-source")
                .transform("batch per equipment and window", TypeInformation.of(ReadingBatch.class),
                        new ReadingBatcher(options.windowSize, BATCH_READINGS, SideOutputs.REJECTED))
                .uid("batch-readings");

        SingleOutputStreamOperator<Fingerprint> fingerprints = batches
                .keyBy(ReadingBatch::equipId, Types.LONG)
                .window(TumblingEventTimeWindows.of(options.windowSize))
                .sideOutputLateData(SideOutputs.LATE)
                .process(new EmitFingerprint(options.equipmentTypes, options.defaultType))
                .name("fingerprint per equipment and window")
                // not "fingerprint-window": that operator kept a summary per window, this one its batches (README, Upgrading)
                .uid("fingerprint-window-batches");

        fingerprints.sinkTo(fingerprintSink).name("fingerprint sink").uid("fingerprint-sink");

        DataStream<DeadLetter> late = fingerprints.getSideOutput(SideOutputs.LATE)
                .flatMap(new LateReadings())
                .name("late readings")
                .uid("late-readings");
        batches.getSideOutput(SideOutputs.REJECTED)
                .union(late)
                .sinkTo(deadLetterSink)
                .name("dead-letter sink")
                .uid("dead-letter-sink");
    }

    public static StreamExecutionEnvironment environment(JobOptions options) {
        Configuration conf = new Configuration();
        // No silent Kryo fallback: every type on the wire and in state has a Flink serializer.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        // Windows keep their batches as appended, in RocksDB: a checkpoint uploads only the files
        // written since the one before, so checkpoints every second stay small at any window size.
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        String checkpointDir = options.checkpointDir;
        if (checkpointDir == null && options.local) {
            // Without a directory Flink keeps checkpoints in the JobManager's heap, 5 MB at most: one
            // busy minute of window state is more, and every checkpoint would fail.
            checkpointDir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "fingerprint-job", "checkpoints").toUri().toString();
        }
        if (checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
            // kept when the job is cancelled, so a local run can resume with --from-savepoint
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (options.fromSavepoint != null) {
            conf.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH, options.fromSavepoint);
        }
        StreamExecutionEnvironment env;
        if (options.local) {
            conf.set(RestOptions.PORT, options.webUiPort);
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        } else {
            env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        env.setParallelism(options.parallelism);
        env.enableCheckpointing(options.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    public static KafkaSource<ParsedRecord> kafkaSource(JobOptions options) {
        var builder = KafkaSource.<ParsedRecord>builder()
                .setBootstrapServers(options.bootstrapServers)
                .setTopics(options.inputTopic)
                .setGroupId(options.groupId)
                .setStartingOffsets(switch (options.startingOffsets) {
                    case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                    case EARLIEST -> OffsetsInitializer.earliest();
                    case LATEST -> OffsetsInitializer.latest();
                })
                .setDeserializer(new SensorRecordDeserializer(options.maxPayloadBytes, options.maxFuture.toMillis()));
        consumerProperties(options).forEach((k, v) -> builder.setProperty((String) k, (String) v));
        if (options.bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    static Properties consumerProperties(JobOptions options) {
        Properties consumer = new Properties();
        // read only committed data: a transactional producer's aborted records are not readings
        consumer.setProperty("isolation.level", "read_committed");
        // new partitions of sensor-data are picked up without a restart
        consumer.setProperty("partition.discovery.interval.ms", "60000");
        consumer.putAll(options.kafkaProperties);
        return consumer;
    }

    /** What the watermarks' caught-up probe connects with: the source's cluster and settings. */
    static Properties probeProperties(JobOptions options) {
        Properties probe = new Properties();
        probe.setProperty("bootstrap.servers", options.bootstrapServers);
        probe.putAll(consumerProperties(options));
        return probe;
    }

    static Properties producerProperties(JobOptions options) {
        Properties producer = new Properties();
        producer.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        producer.setProperty("compression.type", "lz4");
        producer.putAll(options.kafkaProperties);
        return producer;
    }

    public static <T> KafkaSink<T> kafkaSink(JobOptions options,
            org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema<T> schema, String name) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(options.bootstrapServers)
                .setRecordSerializer(schema)
                .setKafkaProducerConfig(producerProperties(options))
                .setDeliveryGuarantee(options.deliveryGuarantee == JobOptions.Guarantee.EXACTLY_ONCE
                        ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix + "-" + name)
                .build();
    }
}
