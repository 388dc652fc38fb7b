package io.fingerprint.bench;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * The same computation in Flink SQL, as a Flink user would write it: the JSON format, UNNEST of
 * the sensor map, a TUMBLE window TVF and the built-in MIN, MAX, AVG, PERCENTILE and STDDEV_POP.
 */
final class SqlJob {

    /** Per-sensor results and the last std_dev seen (for the single-window accuracy run). */
    record Result(long rows, double lastStdDev) {
    }

    private SqlJob() {
    }

    static Result run(String bootstrap, String topic, int parallelism) throws Exception {
        StreamExecutionEnvironment env = BenchEnvironment.create(parallelism);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.executeSql("CREATE TEMPORARY TABLE readings ("
                + " equip_id BIGINT, `timestamp` BIGINT, data MAP<STRING, STRING>,"
                + " ts AS TO_TIMESTAMP_LTZ(`timestamp`, 3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '10' SECOND"
                + ") WITH ("
                + " 'connector' = 'kafka', 'topic' = '" + topic + "',"
                + " 'properties.bootstrap.servers' = '" + bootstrap + "',"
                + " 'properties.group.id' = 'bench-sql-" + System.nanoTime() + "',"
                + " 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',"
                + " 'format' = 'json', 'json.ignore-parse-errors' = 'true')");
        tables.executeSql("CREATE TEMPORARY VIEW sensor_values AS"
                + " SELECT r.equip_id, s.sensor, CAST(s.val AS DOUBLE) AS v, r.ts"
                + " FROM readings AS r CROSS JOIN UNNEST(r.data) AS s(sensor, val)"
                + " WHERE s.val <> 'null'");
        TableResult result = tables.executeSql("SELECT equip_id, sensor, window_start, window_end,"
                + " MIN(v), MAX(v), PERCENTILE(v, 0.5), AVG(v), STDDEV_POP(v), COUNT(v)"
                + " FROM TABLE(TUMBLE(TABLE sensor_values, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY equip_id, sensor, window_start, window_end");
        long rows = 0;
        double std = Double.NaN;
        try (CloseableIterator<Row> it = result.collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                std = ((Number) row.getField(8)).doubleValue();
                rows++;
            }
        }
        return new Result(rows, std);
    }
}
