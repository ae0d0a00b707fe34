package bakery.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's files as the deployment tests read them: paths from the root, YAML as Jackson trees. */
final class Repo {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The four services that ship as images; each is a module with its own application.properties. */
    static final List<String> SERVICES = List.of("order-service", "baking-worker", "notification-worker", "web-tier");

    /** The services that consume in a shared group and scale on its lag; the web tier scales on CPU. */
    static final List<String> WORKERS = List.of("order-service", "baking-worker", "notification-worker");

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("bakery.repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + start);
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file (anchors, aliases and merge keys resolved), empty documents dropped. */
    static List<ObjectNode> yamlDocuments(Path path) {
        return yamlDocuments(read(path));
    }

    static List<ObjectNode> yamlDocuments(String text) {
        List<ObjectNode> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc != null) {
                docs.add((ObjectNode) JSON.valueToTree(doc));
            }
        }
        return docs;
    }

    static ObjectNode yaml(Path path) {
        List<ObjectNode> docs = yamlDocuments(path);
        if (docs.size() != 1) {
            throw new IllegalStateException(path + " holds " + docs.size() + " documents, expected one");
        }
        return docs.get(0);
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
