package io.fingerprint.job;

import io.fingerprint.formats.reading.ReadingParser;
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
 * A payload may give more than one record (a reading and the dead letter of its rejected values):
 * the source emits them all, in order.
 */
final class PayloadSource {

    private PayloadSource() {
    }

    static DataGeneratorSource<ParsedRecord> of(List<String> payloads) {
        ArrayList<String> copy = new ArrayList<>(payloads);
        Parse counting = new Parse(copy, new ArrayList<>());
        counting.open(null);
        ArrayList<int[]> outputs = new ArrayList<>(); // emitted record -> {payload index, its k-th record}
        for (int i = 0; i < copy.size(); i++) {
            int n = counting.records(i).size();
            for (int k = 0; k < n; k++) {
                outputs.add(new int[] {i, k});
            }
        }
        return new DataGeneratorSource<>(new Parse(copy, outputs), outputs.size(), TypeInformation.of(ParsedRecord.class));
    }

    private static final class Parse implements GeneratorFunction<Long, ParsedRecord> {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> payloads;
        private final ArrayList<int[]> outputs;
        private transient SensorRecordDeserializer deserializer;

        Parse(ArrayList<String> payloads, ArrayList<int[]> outputs) {
            this.payloads = payloads;
            this.outputs = outputs;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            deserializer = new SensorRecordDeserializer(ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES, Long.MAX_VALUE / 4);
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
            int[] at = outputs.get(index.intValue());
            return records(at[0]).get(at[1]);
        }

        List<ParsedRecord> records(int payload) {
            byte[] value = payloads.get(payload).getBytes(StandardCharsets.UTF_8);
            List<ParsedRecord> out = new ArrayList<>(2);
            deserializer.deserialize(new ConsumerRecord<>("sensor-data", 0, payload, null, value), new Collector<>() {
                @Override
                public void collect(ParsedRecord record) {
                    out.add(record);
                }

                @Override
                public void close() {
                }
            });
            return out;
        }
    }
}
