package io.fingerprint.job.window;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Gives the window state its own serializer instead of Kryo's generic fallback. */
public final class WindowAccumulatorTypeInfoFactory extends TypeInfoFactory<WindowAccumulator> {

    @Override
    public TypeInformation<WindowAccumulator> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new WindowAccumulatorTypeInfo();
    }

    static final class WindowAccumulatorTypeInfo extends TypeInformation<WindowAccumulator> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<WindowAccumulator> getTypeClass() {
            return WindowAccumulator.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<WindowAccumulator> createSerializer(SerializerConfig config) {
            return WindowAccumulatorSerializer.INSTANCE;
        }

        @Override
        public String toString() {
            return "WindowAccumulator";
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof WindowAccumulatorTypeInfo;
        }

        @Override
        public int hashCode() {
            return WindowAccumulatorTypeInfo.class.hashCode();
        }

        @Override
        public boolean canEqual(Object obj) {
            return obj instanceof WindowAccumulatorTypeInfo;
        }
    }
}
