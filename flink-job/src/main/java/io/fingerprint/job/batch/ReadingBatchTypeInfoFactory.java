package io.fingerprint.job.batch;

import io.fingerprint.job.serialization.SerializerTypeInfo;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Gives reading batches their own compact serializer for the keyBy shuffle. */
public final class ReadingBatchTypeInfoFactory extends TypeInfoFactory<ReadingBatch> {

    @Override
    public TypeInformation<ReadingBatch> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new SerializerTypeInfo<>(ReadingBatch.class, ReadingBatchSerializer.INSTANCE);
    }
}
