package bakery.stack.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bakery.stack.orchestration.Progress;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.Service;
import bakery.stack.process.StackLayout;
import bakery.stack.release.Release;
import bakery.stack.release.Releases;

/**
 * {@code ./bakery upgrade --ref}'s build, on a small git repository of its own whose {@code mvnw}
 * packages every service as a runner jar naming the version it found (the real reactor build is what
 * the stack test's upgrade runs): the commit is built apart, the working tree with its changes not
 * committed is left alone, and a failed build says why.
 */
class AReleaseIsBuiltFromACommitApartFromTheWorkingTreeIT {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(1);
    private static final List<String> ARGUMENTS = List.of("-B", "-o", "package", "-DskipTests");

    @TempDir
    Path repository;
    @TempDir
    Path home;

    private ReleaseBuild build;

    @BeforeEach
    void aRepositoryWithTwoReleases() throws Exception {
        String jar = Path.of(System.getProperty("java.home"), "bin", "jar").toString();
        Path mvnw = repository.resolve("mvnw");
        Files.writeString(mvnw, """
                #!/bin/sh
                echo "mvnw $*"
                if [ -f broken ]; then echo "BUILD FAILURE: a test that does not compile"; exit 1; fi
                for m in %s; do
                  mkdir -p "$m/target/quarkus-app"
                  printf 'Implementation-Version: %%s\\n' "$(cat version)" > manifest.txt
                  "%s" cfm "$m/target/quarkus-app/quarkus-run.jar" manifest.txt version
                done
                """.formatted(String.join(" ", modules()), jar));
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        git("init", "-q");
        git("config", "user.email", "baker@example.com");
        git("config", "user.name", "Baker");
        commit("1.0.0");
        build = new ReleaseBuild(new StackLayout(repository, home), new Releases(new StackLayout(repository, home)),
                new Progress(System.out), ARGUMENTS, BUILD_TIMEOUT);
    }

    @Test
    void theCommitIsBuiltApartKeptAsItsReleaseAndTheWorkingTreeIsLeftAlone() throws Exception {
        String first = git("rev-parse", "--short=7", "HEAD");
        commit("1.1.0");
        Files.writeString(repository.resolve("version"), "9.9.9-not-committed");

        Release release = build.ref(first);

        assertThat(release.name()).isEqualTo("1.0.0-" + first);
        assertThat(new Releases(new StackLayout(repository, home)).kept(release)).isTrue();
        assertThat(Files.readString(home.resolve("logs/release-build.log")))
                .contains("mvnw " + String.join(" ", ARGUMENTS) + " -pl " + String.join(",", modules()) + " -am");
        assertThat(Files.readString(repository.resolve("version"))).as("the working tree").isEqualTo("9.9.9-not-committed");
        assertThat(repository.resolve("order-service/target")).as("nothing built in the working tree").doesNotExist();
        assertThat(home.resolve("builds").resolve(first)).as("the checkout, once kept").doesNotExist();
    }

    @Test
    void aCommittedWorkingTreeWhoseReleaseIsKeptIsNotBuiltAgainButChangesAlwaysAre() throws Exception {
        Files.writeString(repository.resolve(".gitignore"), "target/\nmanifest.txt\n");
        commit("1.3.0");
        String commit = git("rev-parse", "--short=7", "HEAD");
        Path log = home.resolve("logs/release-build.log");

        Release first = build.workingTree(Set.of());
        assertThat(first.name()).isEqualTo("1.3.0-" + commit);
        assertThat(log).as("the first upgrade to a commit builds it").exists();

        Files.delete(log);
        assertThat(build.workingTree(Set.of(first.name()))).isEqualTo(first);
        assertThat(log).as("the same commit, kept: nothing to build").doesNotExist();

        Files.writeString(repository.resolve("version"), "1.3.1");
        assertThat(build.workingTree(Set.of(first.name())).name()).isEqualTo("1.3.1-" + commit + "-dirty");
        assertThat(log).as("changes not committed are always built").exists();
    }

    @Test
    void aRefThatNamesNoCommitIsRefusedByName() {
        assertThatThrownBy(() -> build.ref("no-such-tag")).isInstanceOf(StackException.class)
                .hasMessageContaining("no commit 'no-such-tag'");
    }

    @Test
    void aFailedBuildSaysWhyAndKeepsNoRelease() throws Exception {
        Files.writeString(repository.resolve("broken"), "");
        commit("1.2.0");
        String broken = git("rev-parse", "--short=7", "HEAD");

        assertThatThrownBy(() -> build.ref(broken)).isInstanceOf(StackException.class)
                .hasMessageContaining("the release build failed; nothing was replaced")
                .hasMessageContaining("BUILD FAILURE: a test that does not compile");
        assertThat(new Releases(new StackLayout(repository, home)).kept(new Release("1.2.0-" + broken))).isFalse();
        assertThat(home.resolve("builds").resolve(broken)).doesNotExist();
    }

    private static List<String> modules() {
        List<String> modules = new ArrayList<>();
        for (Service s : Service.values()) {
            modules.add(s.module());
        }
        return modules;
    }

    private void commit(String version) throws Exception {
        Files.writeString(repository.resolve("version"), version);
        git("add", "-A");
        git("commit", "-q", "-m", "release " + version);
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }
}
