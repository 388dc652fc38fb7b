package io.fingerprint.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The topics a deployment creates, read from its init script ("for spec in name:partitions ..."). */
final class Topics {
    private static final Pattern SPECS = Pattern.compile("for spec in ([^;]+);");

    private Topics() {
    }

    static Map<String, Integer> created(String script) {
        Matcher m = SPECS.matcher(script);
        if (!m.find()) {
            throw new AssertionError("no 'for spec in topic:partitions ...;' in the topic script:\n" + script);
        }
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String spec : m.group(1).trim().split("\\s+")) {
            String[] parts = spec.split(":");
            topics.put(parts[0], Integer.parseInt(parts[1]));
        }
        return topics;
    }

    /** Every topic the code reads or writes, from its defaults: the job's, the generator's, the saver's. */
    static Map<String, String> usedByCode() {
        Map<String, String> used = new LinkedHashMap<>();
        used.put(JobSource.ENV_DEFAULTS.get("SENSOR_DATA_TOPIC"), "flink-job input");
        used.put(JobSource.ENV_DEFAULTS.get("FINGERPRINT_TOPIC"), "flink-job output");
        used.put(JobSource.ENV_DEFAULTS.get("SENSOR_DATA_DLQ_TOPIC"), "flink-job dead letters");
        used.put(QuarkusService.GENERATOR.defaultOf("SENSOR_DATA_TOPIC"), "generator output");
        used.put(QuarkusService.SAVER.defaultOf("SENSOR_DATA_TOPIC"), "saver input");
        used.put(QuarkusService.SAVER.defaultOf("FINGERPRINT_TOPIC"), "saver input");
        used.put(QuarkusService.SAVER.defaultOf("FINGERPRINT_DLQ_TOPIC"), "saver dead letters");
        return used;
    }
}
