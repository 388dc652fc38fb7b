package io.fingerprint.bench;

import io.fingerprint.formats.reading.InvalidReadingException;
import io.fingerprint.formats.reading.ReadingParser;
import io.fingerprint.formats.reading.SensorReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The unavoidable work: one plain KafkaConsumer thread per partition reading the whole topic and
 * parsing every record into its numbers (with the product's Jackson streaming parser).
 */
final class Ceiling {

    private Ceiling() {
    }

    static long readAndParse(String bootstrap, BenchData data, int partitions) throws InterruptedException {
        AtomicLong values = new AtomicLong();
        AtomicLong records = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            Thread t = new Thread(() -> {
                ReadingParser parser = new ReadingParser(ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES, Long.MAX_VALUE / 4, System::currentTimeMillis);
                try (KafkaConsumer<byte[], byte[]> consumer = Consumers.bytes(bootstrap)) {
                    TopicPartition tp = new TopicPartition(data.topic, partition);
                    consumer.assign(List.of(tp));
                    consumer.seekToBeginning(List.of(tp));
                    long end = consumer.endOffsets(List.of(tp)).get(tp);
                    long sum = 0;
                    long count = 0;
                    while (consumer.position(tp) < end) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            try {
                                SensorReading reading = parser.parse(r.value());
                                sum += reading.values.length;
                            } catch (InvalidReadingException e) {
                                throw new IllegalStateException(e.reason());
                            }
                            count++;
                        }
                    }
                    values.addAndGet(sum);
                    records.addAndGet(count);
                }
            }, "ceiling-" + p);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        if (records.get() != data.readings) {
            throw new IllegalStateException("ceiling read " + records.get() + " of " + data.readings + " readings");
        }
        return values.get();
    }
}
