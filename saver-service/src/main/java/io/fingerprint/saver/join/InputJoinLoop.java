package io.fingerprint.saver.join;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.formats.reading.ReadingParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The join thread: takes the fingerprints that arrived, joins each whose ranges were read ahead from
 * memory ({@link HeldInputs}) and hands it to the writers at once, then reads the {@code sensor-data}
 * records the others need ({@link InputReader}, one pass per partition for all of them: fingerprints of
 * one window arrive together and their ranges overlap). Nothing else touches its consumer.
 */
final class InputJoinLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(InputJoinLoop.class);
    /** A batch stops growing at this many fingerprints or readings named: it is held in memory until written. */
    static final int MAX_BATCH_FINGERPRINTS = 500;
    static final long MAX_BATCH_READINGS = 2_000_000;

    private record Arrival(ReceivedFingerprint fingerprint, Delivery delivery) {
    }

    private final Map<String, Object> consumerConfig;
    private final String sensorTopic;
    private final long outOfOrdernessMs;
    private final ReadingParser parser;
    private final Consumer<SaveRequest> writer;
    private final LongConsumer onRejectedReadings;
    private final HeldInputs held;
    private final BlockingQueue<Arrival> inbox = new LinkedBlockingQueue<>();

    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile int joining;
    private volatile InputCollector current;
    private volatile String problem = "not started";
    private volatile InputReader reader;
    private final LongAdder spansFromMemory = new LongAdder();

    /** @param held what {@link ReadAhead} holds; null when reading ahead is off */
    InputJoinLoop(Map<String, Object> consumerConfig, String sensorTopic, long outOfOrdernessMs, ReadingParser parser,
                  Consumer<SaveRequest> writer, LongConsumer onRejectedReadings, HeldInputs held) {
        this.consumerConfig = consumerConfig;
        this.sensorTopic = sensorTopic;
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.parser = parser;
        this.writer = writer;
        this.onRejectedReadings = onRejectedReadings;
        this.held = held;
    }

    void submit(ReceivedFingerprint fingerprint, Delivery delivery) {
        inbox.add(new Arrival(fingerprint, delivery));
    }

    /** Fingerprints received and not yet handed to the writer. */
    int waiting() {
        return joining + inbox.size();
    }

    /** sensor-data readings held for the batch being joined. */
    long held() {
        InputCollector c = current;
        return c == null ? 0 : c.held();
    }

    /** Partition spans joined from what was read ahead. */
    long spansFromMemory() {
        return spansFromMemory.sum();
    }

    /** Partition spans read from Kafka when their fingerprints came. */
    long spansFromKafka() {
        InputReader r = reader;
        return r == null ? 0 : r.spansFromKafka();
    }

    /** Null while healthy, else why not. */
    String problem() {
        return problem;
    }

    void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig)) {
            consumer = c;
            problem = null;
            InputReader reader = new InputReader(c, sensorTopic, outOfOrdernessMs);
            this.reader = reader;
            while (running) {
                List<PendingFingerprint> batch = joinHeld(nextBatch());
                while (running && !batch.isEmpty() && !join(reader, batch)) {
                    Pause.sleep(1000); // Kafka failed: the same batch again, nothing is acknowledged meanwhile
                }
            }
        } catch (WakeupException | InterruptException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problem = "join thread stopped: " + e;
            LOG.errorf(e, "The join thread stopped");
            throw e;
        }
    }

    /** Waits a moment for the first fingerprint, then takes what else is there; one entry per uuid. */
    private List<PendingFingerprint> nextBatch() throws InterruptedException {
        Arrival first = inbox.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        Map<String, PendingFingerprint> batch = new LinkedHashMap<>();
        long readings = 0;
        for (Arrival a = first; a != null; a = batch.size() < MAX_BATCH_FINGERPRINTS && readings < MAX_BATCH_READINGS ? inbox.poll() : null) {
            PendingFingerprint known = batch.get(a.fingerprint().uuid());
            if (known != null) {
                known.deliveries.add(a.delivery());
                continue;
            }
            batch.put(a.fingerprint().uuid(), new PendingFingerprint(a.fingerprint(), a.delivery()));
            for (InputRange r : a.fingerprint().inputs()) {
                readings += r.records;
            }
        }
        joining = batch.size();
        return new ArrayList<>(batch.values());
    }

    /** Hands every fingerprint whose inputs are held in memory, and complete, to the writers; returns the others. */
    private List<PendingFingerprint> joinHeld(List<PendingFingerprint> batch) throws InterruptedException {
        if (held == null || batch.isEmpty()) {
            return batch;
        }
        List<PendingFingerprint> rest = new ArrayList<>();
        long deadline = System.nanoTime() + HeldInputs.WAIT_NANOS;
        for (PendingFingerprint p : batch) {
            InputCollector one = new InputCollector(List.of(p), parser);
            SaveRequest joined = held.collect(p, one, deadline) ? one.results().get(0) : null;
            if (joined != null && joined.complete()) {
                writer.accept(joined);
                spansFromMemory.add(p.fingerprint.inputs().size());
                joining--;
            } else {
                // not held, or the counts differ (a reading judged differently as it arrived): Kafka decides
                rest.add(p);
            }
        }
        return rest;
    }

    /** True once every fingerprint of the batch went to the writer; false after a Kafka error. */
    private boolean join(InputReader reader, List<PendingFingerprint> batch) {
        InputCollector collector = new InputCollector(batch, parser);
        current = collector;
        long began = System.nanoTime();
        long spans = reader.spansFromKafka();
        try {
            reader.read(batch, collector);
            LOG.debugf("Read the inputs of %d fingerprint(s) from Kafka in %d ms (%d partition span(s))", batch.size(),
                    (System.nanoTime() - began) / 1_000_000, reader.spansFromKafka() - spans);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            problem = "reading " + sensorTopic + ": " + e.getMessage();
            LOG.warnf("Reading the inputs of %d fingerprint(s) failed, retrying in 1 s: %s", batch.size(), e.getMessage());
            return false;
        } finally {
            current = null;
        }
        onRejectedReadings.accept(collector.rejected());
        for (SaveRequest request : collector.results()) {
            writer.accept(request);
        }
        joining = 0;
        problem = null;
        return true;
    }
}
