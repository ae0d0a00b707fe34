package bakery.stack.capacity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import bakery.stack.process.StateFile;

/**
 * Where a sizing run leaves its findings: {@code capacity.json} and {@code capacity.md} in its
 * folder, and, when asked, the measured section of docs/capacity.md between its two markers.
 */
public final class CapacityFiles {

    public static final String JSON = "capacity.json";
    public static final String MARKDOWN = "capacity.md";
    /** The run the manifests are sized by: the prod overlay's tests read it (docs/capacity.md). */
    public static final String DEPLOYED = "deploy/capacity.json";
    static final String BEGIN = "<!-- capacity run: begin (written by ./bakery capacity --write-docs) -->";
    static final String END = "<!-- capacity run: end -->";

    private CapacityFiles() {
    }

    public static void write(CapacityReport report, Path folder) {
        try {
            Files.createDirectories(folder);
            writeJson(report, folder.resolve(JSON));
            Files.writeString(folder.resolve(MARKDOWN), "# Capacity run\n\n" + report.markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the capacity files under " + folder, e);
        }
    }

    public static void writeJson(CapacityReport report, Path file) {
        try {
            StateFile.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The page with the text between its markers replaced by the run's tables. */
    public static String withRun(String page, CapacityReport report) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the page has no section marked " + BEGIN + " ... " + END);
        }
        return page.substring(0, begin + BEGIN.length()) + "\n" + report.markdown() + page.substring(end);
    }

    public static void writeDocs(CapacityReport report, Path page) {
        try {
            Files.writeString(page, withRun(Files.readString(page), report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + page, e);
        }
    }
}
