package io.fingerprint.bench;

import java.nio.file.Path;

/** Sizes of a run; every one a command-line argument, defaults sized for about four minutes here. */
final class BenchOptions {
    long readings = 10_000_000;
    int equipments = 20;
    int partitions = 2;
    int parallelism = 2;
    Path results = Path.of("bench", "results");

    static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--readings" -> o.readings = Long.parseLong(require(args[i], value));
                case "--equipments" -> o.equipments = Integer.parseInt(require(args[i], value));
                case "--partitions" -> o.partitions = Integer.parseInt(require(args[i], value));
                case "--parallelism" -> o.parallelism = Integer.parseInt(require(args[i], value));
                case "--results" -> o.results = Path.of(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; use --readings N --equipments N --partitions N --parallelism N --results DIR");
            }
            i++;
        }
        return o;
    }

    private static String require(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }
}
