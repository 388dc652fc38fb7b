package io.fingerprint.saver.join;

import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.formats.reading.ReadingParser;
import io.fingerprint.saver.SaverConfig;
import io.fingerprint.saver.ingest.KafkaClientSettings;
import io.fingerprint.saver.store.SaveWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Runs the join thread ({@link InputJoinLoop}) and takes fingerprints in from the consumer. */
@ApplicationScoped
public class JoinService {

    private final SaverConfig config;
    private final KafkaClientSettings kafka;
    private final InputJoinLoop loop;
    private final ReadAhead readAhead;
    private Thread thread;
    private Thread readAheadThread;

    JoinService(SaverConfig config, KafkaClientSettings kafka, MeterRegistry registry, SaveWorker writer) {
        this.config = config;
        this.kafka = kafka;
        Counter rejectedReadings = Counter.builder("saver.readings.malformed")
                .description("sensor-data records the job's parser rejects (the job dead-lettered them), counted as read ahead or as read for a fingerprint")
                .register(registry);
        long readAheadBytes = config.readAhead().asLongValue();
        TailCache held = readAheadBytes > 0 ? new TailCache(readAheadBytes) : null;
        this.readAhead = held == null ? null : new ReadAhead(consumerConfig("saver-sensor-read-ahead", "none"), config.sensorTopic(), parser(),
                held, rejectedReadings::increment);
        this.loop = new InputJoinLoop(consumerConfig("saver-sensor-reader", "earliest"), config.sensorTopic(), config.outOfOrderness().toMillis(),
                parser(), writer::submit, rejectedReadings::increment, held == null ? null : new HeldInputs(held, config.sensorTopic()));
        if (held != null) {
            Gauge.builder("saver.read.ahead.bytes", held, TailCache::bytes)
                    .description("memory held by sensor-data records read ahead (bounded by saver.read-ahead)").register(registry);
        }
        FunctionCounter.builder("saver.inputs.spans", loop, InputJoinLoop::spansFromMemory).tag("from", "memory")
                .description("partition spans of sensor-data joined, from what was read ahead or from Kafka").register(registry);
        FunctionCounter.builder("saver.inputs.spans", loop, InputJoinLoop::spansFromKafka).tag("from", "kafka")
                .description("partition spans of sensor-data joined, from what was read ahead or from Kafka").register(registry);
        Gauge.builder("saver.fingerprints.waiting", loop, InputJoinLoop::waiting)
                .description("fingerprints received, not yet written").register(registry);
        Gauge.builder("saver.buffer.records", loop, InputJoinLoop::held)
                .description("sensor-data readings held for the fingerprints being joined").register(registry);
    }

    /** Starts the join thread (after the index is loaded: it is the only writer). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(loop, "saver-join");
        thread.setDaemon(true);
        thread.start();
        if (readAhead != null) {
            readAheadThread = new Thread(readAhead, "saver-read-ahead");
            readAheadThread.setDaemon(true);
            readAheadThread.start();
        }
    }

    public synchronized void stop() {
        if (readAheadThread != null) {
            readAhead.stop();
        }
        if (thread != null) {
            loop.stop();
            try {
                thread.join(10_000);
                if (readAheadThread != null) {
                    readAheadThread.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called on the consumer's thread; the join thread picks it up (queued until it runs). */
    public void submit(ReceivedFingerprint fingerprint, Delivery delivery) {
        loop.submit(fingerprint, delivery);
    }

    /** False once the join thread has died (it never stops on bad input or Kafka errors, only on a bug). */
    public synchronized boolean alive() {
        return thread == null || thread.isAlive();
    }

    /** Null while the join thread reads sensor-data fine, else why not. */
    public synchronized String problem() {
        if (thread == null) {
            return "not started";
        }
        return thread.isAlive() ? loop.problem() : "join thread stopped";
    }

    /** The job's parser with the job's limits; one per thread (it keeps the last record's details). */
    private ReadingParser parser() {
        return new ReadingParser(ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES, config.maxFuture().toMillis(), System::currentTimeMillis);
    }

    /** @param offsetReset never used by the join (it only seeks); "none" makes the read-ahead see that it fell behind retention */
    private Map<String, Object> consumerConfig(String clientId, String offsetReset) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        // Records of an open transaction are not readings yet; the end is the last stable offset.
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return kafka.with(c);
    }
}
