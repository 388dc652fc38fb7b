package io.fingerprint.kafkalocal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configurations Kafka clients log when they are created ("ProducerConfig values:" and its
 * tab-indented lines), read back from a process's log: how the tests see which settings a part's
 * clients really got from its environment.
 */
public final class KafkaClientConfigs {

    private static final Pattern BLOCK_START = Pattern.compile("(\\w+Config) values:");
    /** A log line starts with its time stamp; the block's own lines start with a tab. */
    private static final Pattern NEXT_LOG_LINE = Pattern.compile("\n\\d");

    private KafkaClientConfigs() {
    }

    /** Each logged block, from "XxxConfig values:" to the next log line. */
    public static List<String> logged(String log) {
        List<String> configs = new ArrayList<>();
        Matcher m = BLOCK_START.matcher(log);
        Matcher next = NEXT_LOG_LINE.matcher(log);
        while (m.find()) {
            configs.add(log.substring(m.start(), next.find(m.end()) ? next.start() : log.length()));
        }
        return configs;
    }

    /**
     * The configurations that lack one of {@code settings} (text each must contain, e.g. {@code "security.protocol = SASL_PLAINTEXT"}),
     * each with what it lacks: empty when every client got them all.
     */
    public static List<String> lacking(List<String> configs, List<String> settings) {
        List<String> lacking = new ArrayList<>();
        for (String config : configs) {
            List<String> missing = settings.stream().filter(s -> !config.contains(s)).toList();
            if (!missing.isEmpty()) {
                lacking.add("lacks " + missing + ": " + config);
            }
        }
        return lacking;
    }
}
