package io.fingerprint.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** .dockerignore, matched the way Docker does for the simple patterns it uses (*, **, directories). */
final class DockerIgnore {
    private static final List<Pattern> EXCLUDES = new ArrayList<>();

    static {
        for (String line : Repo.read(".dockerignore").split("\n")) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            if (pattern.startsWith("!")) {
                throw new IllegalStateException("exceptions (!) are not modelled here: " + pattern);
            }
            EXCLUDES.add(Pattern.compile(toRegex(pattern.replaceAll("^/+|/+$", ""))));
        }
    }

    private DockerIgnore() {
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    regex.append("/?");
                    regex.setLength(regex.length() - 4);
                    regex.append("(.*/)?");
                    i++;
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // a pattern that matches a directory excludes everything below it
        return regex + "(/.*)?";
    }

    static boolean excludes(String path) {
        return EXCLUDES.stream().anyMatch(p -> p.matcher(path).matches());
    }
}
