package io.fingerprint.job.window;

import io.fingerprint.job.serialization.SerializerTypeInfo;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Gives the window state its own serializer instead of Kryo's generic fallback. */
public final class WindowAccumulatorTypeInfoFactory extends TypeInfoFactory<WindowAccumulator> {

    @Override
    public TypeInformation<WindowAccumulator> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new SerializerTypeInfo<>(WindowAccumulator.class, WindowAccumulatorSerializer.INSTANCE);
    }
}
