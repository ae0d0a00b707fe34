package bakery.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * An operator who types {@code ./bakery <command> --help} gets that command's usage, for every
 * command there is: the walk finds each one, so a command added later cannot forget it.
 */
class EveryCommandAnswersHelpTest {

    @Test
    void everyCommandAndSubcommandPrintsItsUsageOnHelp() {
        List<List<String>> paths = new ArrayList<>();
        walk(new CommandLine(new BakeryCommand()), new ArrayList<>(), paths);

        assertThat(paths).as("commands found").hasSizeGreaterThan(1);
        for (List<String> path : paths) {
            for (String help : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(help);
                Answer answer = run(args);
                assertThat(answer.exitCode()).as("exit code of ./bakery %s (%s)", String.join(" ", args), answer.err())
                        .isZero();
                String usage = "Usage: bakery" + (path.isEmpty() ? "" : " " + String.join(" ", path));
                assertThat(answer.out()).as("./bakery %s", String.join(" ", args)).contains(usage);
            }
        }
    }

    @Test
    void theTopLevelHelpListsEveryCommandTheScriptRunsIncludingTest() {
        String usage = run(List.of("--help")).out();

        for (String command : List.of("up", "status", "scale", "autoscale", "logs", "collect", "drain", "undrain", "upgrade",
                "rollback", "down",
                "bench", "capacity", "chaos",
                "test")) {
            assertThat(usage).containsPattern("(?m)^\\s+" + command + "\\s");
        }
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            walk(sub, deeper, paths);
        });
    }

    private record Answer(int exitCode, String out, String err) {
    }

    /** Runs the command line as {@code ./bakery} would, from a fresh top-level command. */
    private static Answer run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BakeryCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args.toArray(String[]::new));
        return new Answer(exitCode, out.toString(), err.toString());
    }
}
