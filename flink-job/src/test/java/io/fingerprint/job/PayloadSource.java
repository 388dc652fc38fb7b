package io.fingerprint.job;

import io.fingerprint.job.ingest.ParsedRecord;
import io.fingerprint.job.ingest.SensorRecordDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A bounded in-memory source of raw payloads for job tests without Kafka: each payload goes through
 * the production {@link SensorRecordDeserializer}, as if read from partition 0 at its list index.
 */
final class PayloadSource {

    private PayloadSource() {
    }

    static DataGeneratorSource<ParsedRecord> of(List<String> payloads) {
        ArrayList<String> copy = new ArrayList<>(payloads);
        return new DataGeneratorSource<>(new Parse(copy), copy.size(), TypeInformation.of(ParsedRecord.class));
    }

    private static final class Parse implements GeneratorFunction<Long, ParsedRecord> {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> payloads;
        private transient SensorRecordDeserializer deserializer;

        Parse(ArrayList<String> payloads) {
            this.payloads = payloads;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            deserializer = new SensorRecordDeserializer(1 << 20, Long.MAX_VALUE / 4);
            deserializer.open(new org.apache.flink.api.common.serialization.DeserializationSchema.InitializationContext() {
                @Override
                public org.apache.flink.metrics.MetricGroup getMetricGroup() {
                    return new UnregisteredMetricsGroup();
                }

                @Override
                public org.apache.flink.util.UserCodeClassLoader getUserCodeClassLoader() {
                    return null;
                }
            });
        }

        @Override
        public ParsedRecord map(Long index) {
            byte[] value = payloads.get(index.intValue()).getBytes(StandardCharsets.UTF_8);
            List<ParsedRecord> out = new ArrayList<>(1);
            deserializer.deserialize(new ConsumerRecord<>("sensor-data", 0, index, null, value), new Collector<>() {
                @Override
                public void collect(ParsedRecord record) {
                    out.add(record);
                }

                @Override
                public void close() {
                }
            });
            return out.get(0);
        }
    }
}
