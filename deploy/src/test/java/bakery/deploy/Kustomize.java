package bakery.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A kustomization as {@code kubectl kustomize} renders it: the objects a cluster would be given. Debian's kubectl
 * renders without a cluster; {@code ./bakery test} installs it.
 */
final class Kustomize {

    private static final Duration RENDER = Duration.ofMinutes(1);

    private Kustomize() {
    }

    static List<ObjectNode> build(Path dir) {
        if (Command.run(RENDER, "sh", "-c", "command -v kubectl").exit() != 0) {
            throw new IllegalStateException("kubectl is not installed: it renders deploy/k8s "
                    + "(Debian: apt-get install kubectl; ./bakery test installs it)");
        }
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            try {
                Command rendered = Command.run(RENDER, "sh", "-c", "kubectl kustomize \"$0\" >\"$1\"", dir.toString(),
                        out.toString());
                if (rendered.exit() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + dir + " failed:\n" + rendered.output());
                }
                return Repo.yamlDocuments(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A workload's init containers and containers, in that order. */
    static List<ObjectNode> containers(JsonNode resource) {
        List<ObjectNode> found = new ArrayList<>();
        JsonNode pod = resource.path("spec").path("template").path("spec");
        for (String list : List.of("initContainers", "containers")) {
            pod.path(list).forEach(c -> found.add((ObjectNode) c));
        }
        return found;
    }
}
