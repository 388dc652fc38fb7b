package io.fingerprint.job.batch;

import io.fingerprint.job.serialization.CompactEncoding;
import io.fingerprint.job.serialization.MutableTypeSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Wire and state format of {@link ReadingBatch}, compact ({@link CompactEncoding}): equipment, topic
 * (a flag, then the name), reading count, per reading its timestamp, partition, offset (timestamp and
 * offset as the difference to the reading before) and number of values, the sensor ids, then per
 * value its sensor index (one byte while there are at most 256 sensors) and the value (a short
 * decimal in a few bytes). About 25 bytes per reading of five values instead of 69. Batches
 * cross the network and are the window's state (it keeps them as they came), so this format is in
 * checkpoints and savepoints: a change needs a new snapshot version that still reads this one.
 */
public final class ReadingBatchSerializer extends MutableTypeSerializer<ReadingBatch> {

    public static final ReadingBatchSerializer INSTANCE = new ReadingBatchSerializer();
    private static final long serialVersionUID = 1L;
    private static final int MAX_BYTE_INDEXED_SENSORS = 256;

    @Override
    public ReadingBatch createInstance() {
        return new ReadingBatch(0);
    }

    @Override
    public ReadingBatch copy(ReadingBatch from) {
        ReadingBatch copy = new ReadingBatch(from.equipId, from.topic, from.readingCount, from.valueCount, from.sensorCount);
        System.arraycopy(from.timestamps, 0, copy.timestamps, 0, from.readingCount);
        System.arraycopy(from.partitions, 0, copy.partitions, 0, from.readingCount);
        System.arraycopy(from.offsets, 0, copy.offsets, 0, from.readingCount);
        System.arraycopy(from.valueEnds, 0, copy.valueEnds, 0, from.readingCount);
        System.arraycopy(from.sensorIndexes, 0, copy.sensorIndexes, 0, from.valueCount);
        System.arraycopy(from.values, 0, copy.values, 0, from.valueCount);
        System.arraycopy(from.sensorIds, 0, copy.sensorIds, 0, from.sensorCount);
        copy.readingCount = from.readingCount;
        copy.valueCount = from.valueCount;
        copy.sensorCount = from.sensorCount;
        return copy;
    }

    @Override
    public void serialize(ReadingBatch batch, DataOutputView target) throws IOException {
        target.writeLong(batch.equipId);
        target.writeBoolean(batch.topic != null);
        if (batch.topic != null) {
            target.writeUTF(batch.topic);
        }
        CompactEncoding.writeUnsigned(target, batch.readingCount);
        long timestamp = 0;
        long offset = 0;
        int valueEnd = 0;
        for (int i = 0; i < batch.readingCount; i++) {
            CompactEncoding.writeSigned(target, batch.timestamps[i] - timestamp);
            CompactEncoding.writeSigned(target, batch.partitions[i]);
            CompactEncoding.writeSigned(target, batch.offsets[i] - offset);
            CompactEncoding.writeUnsigned(target, batch.valueEnds[i] - valueEnd);
            timestamp = batch.timestamps[i];
            offset = batch.offsets[i];
            valueEnd = batch.valueEnds[i];
        }
        CompactEncoding.writeUnsigned(target, batch.sensorCount);
        for (int s = 0; s < batch.sensorCount; s++) {
            target.writeUTF(batch.sensorIds[s]);
        }
        boolean byteIndexes = batch.sensorCount <= MAX_BYTE_INDEXED_SENSORS;
        for (int v = 0; v < batch.valueCount; v++) {
            if (byteIndexes) {
                target.writeByte(batch.sensorIndexes[v]);
            } else {
                CompactEncoding.writeUnsigned(target, batch.sensorIndexes[v]);
            }
            CompactEncoding.writeValue(target, batch.values[v]);
        }
    }

    @Override
    public ReadingBatch deserialize(DataInputView source) throws IOException {
        long equipId = source.readLong();
        String topic = source.readBoolean() ? source.readUTF() : null;
        int readings = (int) CompactEncoding.readUnsigned(source);
        long[] timestamps = new long[readings];
        int[] valueEnds = new int[readings];
        int[] partitions = new int[readings];
        long[] offsets = new long[readings];
        long timestamp = 0;
        long offset = 0;
        int valueEnd = 0;
        for (int i = 0; i < readings; i++) {
            timestamp += CompactEncoding.readSigned(source);
            timestamps[i] = timestamp;
            partitions[i] = (int) CompactEncoding.readSigned(source);
            offset += CompactEncoding.readSigned(source);
            offsets[i] = offset;
            valueEnd += (int) CompactEncoding.readUnsigned(source);
            valueEnds[i] = valueEnd;
        }
        int sensors = (int) CompactEncoding.readUnsigned(source);
        String[] sensorIds = new String[sensors];
        for (int s = 0; s < sensors; s++) {
            sensorIds[s] = source.readUTF();
        }
        int valueCount = valueEnd;
        int[] sensorIndexes = new int[valueCount];
        double[] values = new double[valueCount];
        boolean byteIndexes = sensors <= MAX_BYTE_INDEXED_SENSORS;
        for (int v = 0; v < valueCount; v++) {
            sensorIndexes[v] = byteIndexes ? source.readUnsignedByte() : (int) CompactEncoding.readUnsigned(source);
            values[v] = CompactEncoding.readValue(source);
        }
        ReadingBatch batch = new ReadingBatch(equipId, topic, 0, 0, 0);
        batch.timestamps = timestamps;
        batch.partitions = partitions;
        batch.offsets = offsets;
        batch.valueEnds = valueEnds;
        batch.readingCount = readings;
        batch.sensorIds = sensorIds;
        batch.sensorCount = sensors;
        batch.sensorIndexes = sensorIndexes;
        batch.values = values;
        batch.valueCount = valueCount;
        return batch;
    }

    @Override
    public TypeSerializerSnapshot<ReadingBatch> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; public no-arg constructor required by Flink. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ReadingBatch> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
