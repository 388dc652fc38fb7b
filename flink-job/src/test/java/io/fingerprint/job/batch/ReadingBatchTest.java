package io.fingerprint.job.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.formats.reading.SensorReading;
import io.fingerprint.job.stats.SensorStatistics;
import io.fingerprint.job.window.WindowAccumulator;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ReadingBatchTest {

    private static List<SensorReading> readings(int count, int sensors) {
        List<SensorReading> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i % 3 == 0 ? sensors - 1 : sensors; // some readings lost a null value
            String[] ids = new String[n];
            double[] values = new double[n];
            for (int s = 0; s < n; s++) {
                ids[s] = String.format("%04d", (s + i) % sensors + 1);
                values[s] = i * 1.5 - s;
            }
            list.add(new SensorReading(112, 1_000 + i, ids, values));
        }
        return list;
    }

    private static ReadingBatch batchOf(List<SensorReading> readings) {
        ReadingBatch batch = new ReadingBatch(112);
        readings.forEach(batch::add);
        return batch;
    }

    private static ReadingBatch positionedBatch() {
        ReadingBatch batch = new ReadingBatch(112, "sensor-data");
        double[] odd = {-0.0, 0.1 + 0.2, 1e300, -45.234, Double.MIN_VALUE};
        for (int i = 0; i < 50; i++) {
            SensorReading r = new SensorReading(112, 1_706_123_456_789L + (i % 7) * 1_000 - i * 3,
                    new String[] {"0001", "0002"}, new double[] {odd[i % odd.length], i / 1000.0});
            batch.add(r, i % 2, i % 2 == 0 ? 9_000_000_000L + i : 12L + i);
        }
        return batch;
    }

    @Test
    void givesBackEveryReadingAsItWasAdded() {
        List<SensorReading> readings = readings(100, 5);
        ReadingBatch batch = batchOf(readings);
        assertThat(batch.readingCount()).isEqualTo(100);
        assertThat(batch.maxTimestamp()).isEqualTo(1_099);
        for (int i = 0; i < readings.size(); i++) {
            assertThat(batch.reading(i)).isEqualTo(readings.get(i));
        }
    }

    @Test
    void serializerRoundTripsWithoutKryo() throws Exception {
        TypeSerializer<ReadingBatch> serializer = TypeInformation.of(ReadingBatch.class).createSerializer(new SerializerConfigImpl());
        assertThat(serializer).isSameAs(ReadingBatchSerializer.INSTANCE);
        // 300 distinct sensors: past the one-byte sensor index; positions in two partitions, stamps out of order, any double
        for (ReadingBatch batch : List.of(batchOf(readings(256, 5)), batchOf(readings(40, 300)), positionedBatch())) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            serializer.serialize(batch, out);
            ReadingBatch back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).isEqualTo(batch);
            for (int i = 0; i < batch.readingCount(); i++) {
                assertThat(back.reading(i)).isEqualTo(batch.reading(i));
            }
            assertThat(serializer.copy(batch)).isEqualTo(batch).isNotSameAs(batch);
            DataOutputSerializer copied = new DataOutputSerializer(64);
            serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
            assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        }
    }

    @Test
    void aWindowOfBatchesHoldsTheSameValuesAsItsReadings() {
        List<SensorReading> readings = readings(500, 5);
        WindowAccumulator byBatches = new WindowAccumulator();
        byBatches.add(batchOf(readings.subList(0, 123)));
        byBatches.add(batchOf(readings.subList(123, 500)));
        java.util.Map<String, double[]> bySensor = new java.util.TreeMap<>();
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (SensorReading r : readings) {
            for (int s = 0; s < r.sensorIds.length; s++) {
                double[] values = bySensor.computeIfAbsent(r.sensorIds[s], id -> new double[readings.size()]);
                int n = counts.merge(r.sensorIds[s], 1, Integer::sum);
                values[n - 1] = r.values[s];
            }
        }
        assertThat(byBatches.summarise()).containsExactly(bySensor.entrySet().stream()
                .map(e -> SensorStatistics.summarise(e.getKey(), e.getValue(), counts.get(e.getKey())))
                .toArray(io.fingerprint.formats.fingerprint.SensorSummary[]::new));
        assertThat(bySensor).hasSize(5);
    }
}
