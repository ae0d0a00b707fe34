package bakery.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands of README.md's Deploy section, as an operator would type them: the tests run these very lines, so
 * the README cannot drift from what works.
 */
final class ReadmeDeploySection {

    static final String COMPOSE = "deploy/podman/compose";

    /** One command line: its words, and the comment after it. */
    record Line(List<String> words, String comment) {

        boolean startsWith(String... prefix) {
            return words.size() >= prefix.length && words.subList(0, prefix.length).equals(List.of(prefix));
        }

        /** The words after the first {@code count}: a compose command's arguments. */
        String[] after(int count) {
            return words.subList(count, words.size()).toArray(String[]::new);
        }

        @Override
        public String toString() {
            return String.join(" ", words);
        }
    }

    private ReadmeDeploySection() {
    }

    static List<Line> lines() {
        String readme = Repo.read(Repo.file("README.md"));
        Matcher block = Pattern.compile("(?s)\n## Deploy\n+```sh\n(.*?)```").matcher(readme);
        if (!block.find()) {
            throw new IllegalStateException("README.md has no sh block under '## Deploy'");
        }
        List<Line> lines = new ArrayList<>();
        for (String line : block.group(1).lines().toList()) {
            int hash = line.indexOf(" #");
            String command = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!command.isEmpty()) {
                lines.add(new Line(Arrays.asList(command.split("\\s+")), hash < 0 ? "" : line.substring(hash + 2).strip()));
            }
        }
        return lines;
    }

    /** The one line that starts with these words. */
    static Line line(String... prefix) {
        List<Line> found = lines().stream().filter(l -> l.startsWith(prefix)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("README's Deploy section has " + found.size() + " lines starting with "
                    + String.join(" ", prefix));
        }
        return found.get(0);
    }

    /** The one compose line whose arguments start with these words and contain (or, when absent, lack) --scale. */
    static String[] compose(boolean scale, String... prefix) {
        List<Line> found = lines().stream()
                .filter(l -> l.startsWith(COMPOSE) && l.after(1).length >= prefix.length
                        && List.of(l.after(1)).subList(0, prefix.length).equals(List.of(prefix))
                        && l.words().contains("--scale") == scale)
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException("README's Deploy section has " + found.size() + " compose lines "
                    + String.join(" ", prefix) + (scale ? " with" : " without") + " --scale");
        }
        return found.get(0).after(1);
    }
}
