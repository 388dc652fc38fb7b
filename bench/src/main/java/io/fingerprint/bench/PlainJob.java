package io.fingerprint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The same computation as a newcomer to Flink would write it: a JsonNode tree per record, one
 * record per (equipment, sensor, value), keyBy (equipment, sensor), and a ProcessWindowFunction
 * that buffers every value and sorts them for the median.
 */
final class PlainJob {

    private PlainJob() {
    }

    /** Runs to the end of the topic; returns the number of per-sensor results. */
    static long run(String bootstrap, BenchData data, int parallelism) throws Exception {
        StreamExecutionEnvironment env = BenchEnvironment.create(parallelism);
        KafkaSource<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(data.topic)
                .setGroupId("bench-plain-" + System.nanoTime())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .build();
        long results = 0;
        try (var it = env.fromSource(source, WatermarkStrategy.noWatermarks(), "sensor-data")
                .flatMap(new Unnest())
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple4<Long, String, Long, Double>>forBoundedOutOfOrderness(Duration.ofSeconds(10))
                        .withTimestampAssigner((r, ts) -> r.f2))
                .keyBy(r -> Tuple2.of(r.f0, r.f1), org.apache.flink.api.common.typeinfo.Types.TUPLE(
                        org.apache.flink.api.common.typeinfo.Types.LONG, org.apache.flink.api.common.typeinfo.Types.STRING))
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .process(new Stats())
                .executeAndCollect("plain fingerprint job")) {
            while (it.hasNext()) {
                it.next();
                results++;
            }
        }
        return results;
    }

    static final class Unnest implements FlatMapFunction<String, Tuple4<Long, String, Long, Double>> {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public void flatMap(String json, Collector<Tuple4<Long, String, Long, Double>> out) throws Exception {
            JsonNode node = MAPPER.readTree(json);
            long equip = node.get("equip_id").asLong();
            long timestamp = node.get("timestamp").asLong();
            Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.get("data").fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String text = field.getValue().asText();
                if (!"null".equals(text)) {
                    out.collect(Tuple4.of(equip, field.getKey(), timestamp, Double.parseDouble(text)));
                }
            }
        }
    }

    static final class Stats extends ProcessWindowFunction<Tuple4<Long, String, Long, Double>, String, Tuple2<Long, String>, TimeWindow> {
        @Override
        public void process(Tuple2<Long, String> key, Context ctx, Iterable<Tuple4<Long, String, Long, Double>> elements,
                Collector<String> out) {
            List<Double> values = new ArrayList<>();
            for (Tuple4<Long, String, Long, Double> e : elements) {
                values.add(e.f3);
            }
            Collections.sort(values);
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            double mean = sum / values.size();
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            int n = values.size();
            double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
            out.collect(key.f0 + "," + key.f1 + "," + ctx.window().getStart() + "," + values.get(0) + "," + values.get(n - 1)
                    + "," + median + "," + mean + "," + Math.sqrt(squares / n) + "," + n);
        }
    }
}
