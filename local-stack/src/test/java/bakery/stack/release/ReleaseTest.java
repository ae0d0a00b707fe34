package bakery.stack.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** An operator reads which build each node runs: the release's name, and the node's own command line. */
class ReleaseTest {

    static final Path RELEASES = Path.of("/srv/bakery/.bakery/releases");

    @Test
    void aReleaseIsNamedByVersionAndCommitAndSaysWhenTheTreeHadChanges() {
        assertThat(Release.of("1.0.0-SNAPSHOT", "3f2a9c1", false).name()).isEqualTo("1.0.0-SNAPSHOT-3f2a9c1");
        assertThat(Release.of("1.1.0", "3f2a9c1", true).name()).isEqualTo("1.1.0-3f2a9c1-dirty");
    }

    @Test
    void aCopyOfChangesNotCommittedStaysDirtyUnderItsNextName() {
        assertThat(Release.of("1.1.0", "3f2a9c1", true).dirty()).isTrue();
        assertThat(new Release("1.1.0-3f2a9c1-dirty2").dirty()).isTrue();
        assertThat(Release.of("1.1.0", "3f2a9c1", false).dirty()).isFalse();
        assertThat(new Release("1.1.0-dirtyfix-3f2a9c1").dirty()).isFalse();
    }

    @Test
    void aNodesReleaseIsTheFolderItsJarWasStartedFrom() {
        List<String> node = List.of("/usr/lib/jvm/java-17/bin/java", "-Xmx160m", "-jar",
                RELEASES + "/1.0.0-SNAPSHOT-3f2a9c1/baking-worker/quarkus-app/quarkus-run.jar");

        assertThat(Release.ofCommandLine(node, RELEASES)).contains(new Release("1.0.0-SNAPSHOT-3f2a9c1"));
    }

    @Test
    void aNodeStartedFromTheWorkingTreeHasNoRelease() {
        List<String> node = List.of("java", "-jar", "/srv/bakery/baking-worker/target/quarkus-app/quarkus-run.jar");

        assertThat(Release.ofCommandLine(node, RELEASES)).isEmpty();
        assertThat(Release.ofCommandLine(List.of("java", "-version"), RELEASES)).isEmpty();
        assertThat(Release.ofCommandLine(List.of("java", "-jar"), RELEASES)).isEmpty();
    }
}
