package io.fingerprint.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Whole-number arguments with their ranges, refused in the same words everywhere. */
public final class Numbers {

    private Numbers() {
    }

    /** {@code value} as a whole number from {@code min} to {@code max}; else refused with {@code range} as the reason. */
    public static long whole(String value, long min, long max, String range) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("not a whole number");
        }
        if (n < min || n > max) {
            throw new TypeConversionException(range);
        }
        return n;
    }

    /** Counts and sizes: 1 or more. */
    public static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) whole(value, 1, Integer.MAX_VALUE, "must be at least 1");
        }
    }

    /** Large counts: 1 or more. */
    public static final class AtLeastOneLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return whole(value, 1, Long.MAX_VALUE, "must be at least 1");
        }
    }

    /** Rates that may be 0 (paused). */
    public static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) whole(value, 0, Integer.MAX_VALUE, "must not be negative");
        }
    }

    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) whole(value, 1, 65535, "must be a port number 1-65535");
        }
    }
}
