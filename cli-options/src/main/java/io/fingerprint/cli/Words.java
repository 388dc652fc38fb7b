package io.fingerprint.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Text arguments: names that must not be empty, and enum constants written in kebab case. */
public final class Words {

    private Words() {
    }

    /** Trimmed, not empty: topics, hosts, ids. */
    public static final class NonBlank implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must not be empty");
            }
            return value.trim();
        }
    }

    /** An enum constant as {@code at-least-once} for {@code AT_LEAST_ONCE}, any case; subclass once per enum. */
    public abstract static class KebabCase<E extends Enum<E>> implements ITypeConverter<E> {
        private final Class<E> type;

        protected KebabCase(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
            throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants()).map(Words::kebab).toList());
        }
    }

    public static String kebab(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
