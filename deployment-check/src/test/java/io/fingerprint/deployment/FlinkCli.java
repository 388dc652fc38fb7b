package io.fingerprint.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.container.entrypoint.StandaloneApplicationClusterConfigurationParserFactory;
import org.apache.flink.runtime.entrypoint.ClusterConfiguration;

/** Flink's own parsers: the standalone-job command line and the configuration options. */
final class FlinkCli {

    /** What the JobManager's `standalone-job` command line means to Flink. */
    record StandaloneJob(String jobClassName, String jobId, List<String> jobArgs, String savepoint) {
    }

    private FlinkCli() {
    }

    /** Parses the arguments after `standalone-job` exactly as StandaloneApplicationClusterEntryPoint does. */
    static StandaloneJob parseStandaloneJob(List<String> args) {
        var factory = new StandaloneApplicationClusterConfigurationParserFactory();
        try {
            // bin/standalone-job.sh puts --configDir first; then Flink's CommandLineParser: a DefaultParser
            // that stops at the first argument it does not know (the job's own arguments from there on)
            List<String> full = new ArrayList<>(List.of("--configDir", "/opt/flink/conf"));
            full.addAll(args);
            CommandLine commandLine = new DefaultParser().parse(factory.getOptions(), full.toArray(String[]::new), true);
            ClusterConfiguration result = factory.createResult(commandLine);
            return new StandaloneJob(commandLine.getOptionValue("job-classname"), commandLine.getOptionValue("job-id"),
                    Arrays.asList(result.getArgs()), commandLine.getOptionValue("fromSavepoint"));
        } catch (ParseException | org.apache.flink.runtime.entrypoint.FlinkParseException e) {
            throw new IllegalArgumentException("Flink refuses the standalone-job arguments " + args + ": " + e.getMessage(), e);
        }
    }

    /** FLINK_PROPERTIES as the image's entry point reads it: one `key: value` a line. */
    static Map<String, String> properties(String flinkProperties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : flinkProperties.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("not a 'key: value' line: " + line);
            }
            String key = trimmed.substring(0, colon).strip();
            if (map.put(key, trimmed.substring(colon + 1).strip()) != null) {
                throw new IllegalArgumentException("key given twice: " + key);
            }
        }
        return map;
    }

    private static Map<String, ConfigOption<?>> knownOptions;

    /** Every ConfigOption of flink-core, flink-runtime, flink-streaming-java and flink-clients, by key and fallback key. */
    static synchronized Map<String, ConfigOption<?>> knownOptions() {
        if (knownOptions != null) {
            return knownOptions;
        }
        Map<String, ConfigOption<?>> options = new HashMap<>();
        for (String anchor : List.of("org/apache/flink/configuration/CoreOptions.class",
                "org/apache/flink/runtime/jobgraph/JobGraph.class",
                "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class",
                "org/apache/flink/client/cli/CliFrontend.class")) {
            for (String className : optionClassesBeside(anchor)) {
                try {
                    Class<?> type = Class.forName(className, true, FlinkCli.class.getClassLoader());
                    for (Field field : type.getFields()) {
                        if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                            ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                            options.putIfAbsent(option.key(), option);
                            for (FallbackKey fallback : option.fallbackKeys()) {
                                options.putIfAbsent(fallback.getKey(), option);
                            }
                        }
                    }
                } catch (ReflectiveOperationException | LinkageError e) {
                    // a class that does not load here holds no option the cluster config uses
                }
            }
        }
        knownOptions = options;
        return options;
    }

    private static List<String> optionClassesBeside(String anchorResource) {
        URL url = FlinkCli.class.getClassLoader().getResource(anchorResource);
        if (url == null) {
            throw new IllegalStateException(anchorResource + " is not on the test classpath");
        }
        List<String> classes = new ArrayList<>();
        try {
            JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith("org/apache/flink/") && name.endsWith("Options.class") && !name.contains("$")) {
                    classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }

    /** Checks every key is a Flink option and every value parses as that option's type; returns the problems. */
    static List<String> problems(Map<String, String> properties) {
        List<String> problems = new ArrayList<>();
        Configuration configuration = Configuration.fromMap(properties);
        for (var entry : properties.entrySet()) {
            ConfigOption<?> option = knownOptions().get(entry.getKey());
            if (option == null) {
                problems.add("'" + entry.getKey() + "' is no Flink " + org.apache.flink.runtime.util.EnvironmentInformation.getVersion()
                        + " configuration option");
                continue;
            }
            try {
                configuration.get(option);
            } catch (RuntimeException e) {
                problems.add("'" + entry.getKey() + ": " + entry.getValue() + "' does not parse: " + e.getMessage());
            }
        }
        return problems;
    }
}
