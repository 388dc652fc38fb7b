package io.fingerprint.job.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.reading.SensorReading;
import io.fingerprint.job.batch.ReadingBatch;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class WindowAccumulatorTest {

    @Test
    void gathersTheValuesOfEveryBatchPerSensor() {
        WindowAccumulator acc = new WindowAccumulator();
        acc.add(batchOf(new SensorReading(110, 1, new String[] {"0001", "0002"}, new double[] {3, 10}),
                new SensorReading(110, 2, new String[] {"0001"}, new double[] {1})));
        acc.add(batchOf(new SensorReading(110, 3, new String[] {"0003", "0001"}, new double[] {5, 2})));
        var summaries = acc.summarise();
        assertThat(summaries).extracting(s -> s.sensorId).containsExactly("0001", "0002", "0003");
        assertThat(summaries[0].count).isEqualTo(3);
        assertThat(summaries[0].median).isEqualTo(2);
        assertThat(summaries[1].count).isEqualTo(1);
        assertThat(acc.inputs()).as("readings of no known position name no input").isEmpty();
    }

    static ReadingBatch batchOf(SensorReading... readings) {
        ReadingBatch batch = new ReadingBatch(readings[0].equipId);
        for (SensorReading r : readings) {
            batch.add(r);
        }
        return batch;
    }

    @Test
    void namesPerPartitionTheOffsetRangeAndCountOfItsReadings() {
        WindowAccumulator acc = new WindowAccumulator();
        ReadingBatch first = new ReadingBatch(7, "sensor-data");
        first.add(new SensorReading(7, 1, new String[] {"s0"}, new double[] {1}), 1, 40);
        first.add(new SensorReading(7, 2, new String[] {"s0"}, new double[] {2}), 0, 9);
        ReadingBatch second = new ReadingBatch(7, "sensor-data");
        second.add(new SensorReading(7, 3, new String[] {"s1"}, new double[] {3}), 1, 42);
        second.add(new SensorReading(7, 4, new String[] {"s1"}, new double[] {4}), 1, 41);
        acc.add(first);
        acc.add(second);
        assertThat(acc.inputs()).containsExactly(new InputRange("sensor-data", 0, 9, 9, 1), new InputRange("sensor-data", 1, 40, 42, 3));
    }

    @Test
    void recordsOnTheWireArePojosNotKryo() {
        assertThat(TypeInformation.of(SensorReading.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(io.fingerprint.job.ingest.ParsedRecord.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(io.fingerprint.formats.fingerprint.Fingerprint.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(io.fingerprint.job.output.DeadLetter.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
