package io.fingerprint.saver.join;

import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.formats.reading.ReadingParser;
import io.fingerprint.saver.SaverConfig;
import io.fingerprint.saver.ingest.KafkaClientSettings;
import io.fingerprint.saver.store.SaveWorker;
import io.micrometer.core.instrument.Counter;
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
    private Thread thread;

    JoinService(SaverConfig config, KafkaClientSettings kafka, MeterRegistry registry, SaveWorker writer) {
        this.config = config;
        this.kafka = kafka;
        Counter rejectedReadings = Counter.builder("saver.readings.malformed")
                .description("sensor-data records in the ranges read that the job's parser rejects (the job dead-lettered them)")
                .register(registry);
        this.loop = new InputJoinLoop(consumerConfig(), config.sensorTopic(), config.outOfOrderness().toMillis(),
                new ReadingParser(ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES, config.maxFuture().toMillis(), System::currentTimeMillis),
                writer::submit, rejectedReadings::increment);
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
    }

    public synchronized void stop() {
        if (thread != null) {
            loop.stop();
            try {
                thread.join(10_000);
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

    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "saver-sensor-reader");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // only assigned and seeked: never used
        // Records of an open transaction are not readings yet; the end is the last stable offset.
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return kafka.with(c);
    }
}
