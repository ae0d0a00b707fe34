package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every command README.md's Deploy section shows either runs in CI — here, or in BakeryInContainersIT, which runs
 * those lines themselves — or says what it needs that CI does not have.
 */
class ReadmeDeployCommandsTest {

    @Test
    void every_command_runs_in_ci_or_says_what_it_needs() {
        List<ReadmeDeploySection.Line> lines = ReadmeDeploySection.lines();
        assertThat(lines).isNotEmpty();
        for (ReadmeDeploySection.Line line : lines) {
            String whereItRuns = whereItRuns(line);
            if (whereItRuns == null) {
                assertThat(line.comment()).as("'%s' runs nowhere in CI: its comment must say what it needs", line)
                        .startsWith("needs ");
            } else {
                assertThat(line.comment()).as("'%s' runs in %s", line, whereItRuns).doesNotStartWith("needs ");
            }
        }
    }

    @Test
    void the_env_file_is_made_from_the_example_and_never_committed() {
        assertThat(ReadmeDeploySection.line("cp").words()).containsExactly("cp", ".env.example", ".env");
        assertThat(Repo.file(".env.example")).exists();
        assertThat(Repo.read(Repo.file(".gitignore")).lines()).contains(".env");
    }

    @Test
    void the_rendered_overlay_is_the_one_the_schema_test_checks() {
        ReadmeDeploySection.Line render = ReadmeDeploySection.line("kubectl", "kustomize");
        assertThat(render.words()).hasSize(3);
        assertThat(Kustomize.build(Repo.file(render.words().get(2)))).isNotEmpty();
    }

    /** The test that runs the line, or null when none does. */
    private static String whereItRuns(ReadmeDeploySection.Line line) {
        if (line.startsWith("cp") || line.startsWith("kubectl", "kustomize")) {
            return "ReadmeDeployCommandsTest";
        }
        if (line.startsWith("./bakery", "images")) {
            return "BakeryInContainersIT";
        }
        // The IT runs the compose line that starts the bakery, the one that scales it and the one that stops it.
        List<List<String>> composeLinesTheTestRuns = List.of(List.of(ReadmeDeploySection.compose(false, "up")),
                List.of(ReadmeDeploySection.compose(true, "up")), List.of(ReadmeDeploySection.compose(false, "down")));
        if (line.startsWith(ReadmeDeploySection.COMPOSE) && composeLinesTheTestRuns.contains(List.of(line.after(1)))) {
            return "BakeryInContainersIT";
        }
        return null;
    }
}
