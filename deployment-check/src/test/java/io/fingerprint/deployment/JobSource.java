package io.fingerprint.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * flink-job's command line, read from JobOptions.java: every option and whether it takes a value
 * (its picocli {@code @Option} declarations: a {@code paramLabel} or none for a flag), and the
 * environment variables behind its defaults ({@code env("VAR", "default")}). Read from the source so
 * that this module needs no build of flink-job (and none of its tests).
 */
final class JobSource {
    static final String JOB_CLASS = "io.fingerprint.job.FingerprintJob";
    private static final String OPTIONS_FILE = "flink-job/src/main/java/io/fingerprint/job/JobOptions.java";

    /** option name → value placeholder, or null for a flag. */
    static final Map<String, String> OPTIONS = new LinkedHashMap<>();
    /** environment variable → default. */
    static final Map<String, String> ENV_DEFAULTS = new LinkedHashMap<>();
    /** field → default of the options the deployment relies on (parallelism). */
    static final int DEFAULT_PARALLELISM;

    static {
        String source = Repo.read(OPTIONS_FILE);
        Matcher option = Pattern.compile("@Option\\(names = \"(--[a-z0-9-]+)\"(?:, paramLabel = \"([^\"]+)\")?").matcher(source);
        while (option.find()) {
            OPTIONS.put(option.group(1), option.group(2));
        }
        Matcher env = Pattern.compile("env\\(\"([A-Z_]+)\",\\s*\"([^\"]*)\"\\)").matcher(source);
        while (env.find()) {
            ENV_DEFAULTS.put(env.group(1), env.group(2));
        }
        Matcher parallelism = Pattern.compile("names = \"--parallelism\"[^)]*defaultValue = \"(\\d+)\"").matcher(source);
        DEFAULT_PARALLELISM = parallelism.find() ? Integer.parseInt(parallelism.group(1)) : -1;
    }

    private JobSource() {
    }

    /** The job's arguments as name → value (flags → ""); fails on anything JobOptions would refuse by name. */
    static Map<String, String> parse(java.util.List<String> args) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (!OPTIONS.containsKey(arg)) {
                throw new IllegalArgumentException("flink-job does not accept '" + arg + "' (JobOptions: " + OPTIONS.keySet() + ")");
            }
            if (OPTIONS.get(arg) == null) {
                if (inline != null) {
                    throw new IllegalArgumentException(arg + " takes no value");
                }
                parsed.put(arg, "");
            } else if (inline != null) {
                parsed.put(arg, inline);
            } else if (i + 1 < args.size()) {
                parsed.put(arg, args.get(++i));
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return parsed;
    }

    static String option(Map<String, String> parsed, String name, String envVariable) {
        return parsed.getOrDefault(name, ENV_DEFAULTS.get(envVariable));
    }
}
