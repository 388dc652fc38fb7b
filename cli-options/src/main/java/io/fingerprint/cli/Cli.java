package io.fingerprint.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parses the arguments of a picocli-annotated options object, the same way for every command of the
 * project: a refusal is one line naming the argument ({@code unknown argument '--x'}, {@code --x needs
 * a value (DURATION)}, {@code invalid --x 'v': why}), and the usage text comes from the same annotations.
 */
public final class Cli {

    private Cli() {
    }

    /** Fills {@code options} from {@code args}; throws {@link IllegalArgumentException} with a one-line reason. */
    public static <T> T parse(T options, String... args) {
        try {
            commandLine(options).parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
        return options;
    }

    /** The usage text generated from the options' annotations. */
    public static String usage(Object options) {
        return commandLine(options).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static CommandLine commandLine(Object options) {
        return new CommandLine(options)
                .setOverwrittenOptionsAllowed(true) // the last of a repeated option wins, as in most tools
                .setUsageHelpAutoWidth(false)
                .setUsageHelpWidth(110);
    }

    private static String reason(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return "unknown argument '" + u.getUnmatched().get(0) + "'";
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty() && m.getMissing().get(0) instanceof OptionSpec o) {
            return o.longestName() + " needs a value (" + o.paramLabel() + ")";
        }
        if (e.getArgSpec() instanceof OptionSpec o && e.getValue() != null) {
            String why = e.getCause() instanceof TypeConversionException t ? t.getMessage() : e.getMessage();
            return "invalid " + o.longestName() + " '" + e.getValue() + "': " + why;
        }
        return e.getMessage();
    }
}
