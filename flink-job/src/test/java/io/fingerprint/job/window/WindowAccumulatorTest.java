package io.fingerprint.job.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.reading.SensorReading;
import io.fingerprint.job.batch.ReadingBatch;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class WindowAccumulatorTest {

    @Test
    void aggregatesReadingsPerSensor() {
        FingerprintAggregate aggregate = new FingerprintAggregate();
        WindowAccumulator acc = aggregate.createAccumulator();
        aggregate.add(batchOf(new SensorReading(110, 1, new String[] {"0001", "0002"}, new double[] {3, 10}),
                new SensorReading(110, 2, new String[] {"0001"}, new double[] {1})), acc);
        WindowAccumulator other = aggregate.createAccumulator();
        aggregate.add(batchOf(new SensorReading(110, 3, new String[] {"0003", "0001"}, new double[] {5, 2})), other);
        var summaries = aggregate.merge(acc, other).summarise();
        assertThat(summaries).extracting(s -> s.sensorId).containsExactly("0001", "0002", "0003");
        assertThat(summaries[0].count).isEqualTo(3);
        assertThat(summaries[0].median).isEqualTo(2);
    }

    static ReadingBatch batchOf(SensorReading... readings) {
        ReadingBatch batch = new ReadingBatch(readings[0].equipId);
        for (SensorReading r : readings) {
            batch.add(r);
        }
        return batch;
    }

    @Test
    void stateSerializerRoundTripsWithoutKryo() throws Exception {
        TypeInformation<WindowAccumulator> info = TypeInformation.of(WindowAccumulator.class);
        assertThat(info).isNotInstanceOf(GenericTypeInfo.class);
        TypeSerializer<WindowAccumulator> serializer = info.createSerializer(new SerializerConfigImpl());
        assertThat(serializer).isSameAs(WindowAccumulatorSerializer.INSTANCE);

        WindowAccumulator acc = new WindowAccumulator();
        for (int i = 0; i < 200; i++) {
            acc.add("s" + (i % 3), i * 0.5);
        }
        ReadingBatch batch = new ReadingBatch(7, "sensor-data");
        batch.add(new SensorReading(7, 1, new String[] {"s0"}, new double[] {1}), 1, 40);
        batch.add(new SensorReading(7, 2, new String[] {"s0"}, new double[] {2}), 0, 9);
        batch.add(new SensorReading(7, 3, new String[] {"s1"}, new double[] {3}), 1, 42);
        acc.add(batch);
        assertThat(acc.inputs()).containsExactly(new InputRange("sensor-data", 0, 9, 9, 1), new InputRange("sensor-data", 1, 40, 42, 2));
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(acc, out);
        WindowAccumulator back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(acc);
        assertThat(back.inputs()).isEqualTo(acc.inputs());
        assertThat(serializer.copy(acc)).isEqualTo(acc).isNotSameAs(acc);

        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    /** State written before the lineage existed (sensors only) is read by its own snapshot's serializer and migrated. */
    @Test
    void stateWithoutLineageFromOlderCheckpointsIsRestoredAndMigrated() throws Exception {
        WindowAccumulator old = new WindowAccumulator();
        old.add("0001", 1.5);
        old.add("0001", 2.5);
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeInt(1);
        out.writeUTF("0001");
        out.writeInt(2);
        out.writeDouble(1.5);
        out.writeDouble(2.5);

        TypeSerializer<WindowAccumulator> restored = new WindowAccumulatorSerializer.Snapshot().restoreSerializer();
        WindowAccumulator back = restored.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(old);
        assertThat(back.inputs()).isEmpty();
        assertThat(WindowAccumulatorSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(new WindowAccumulatorSerializer.Snapshot()).isCompatibleAfterMigration()).isTrue();
        assertThat(WindowAccumulatorSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(WindowAccumulatorSerializer.INSTANCE.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
    }

    @Test
    void recordsOnTheWireArePojosNotKryo() {
        assertThat(TypeInformation.of(SensorReading.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(io.fingerprint.job.ingest.ParsedRecord.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(io.fingerprint.formats.fingerprint.Fingerprint.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(io.fingerprint.job.output.DeadLetter.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
