package bakery.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization with the features the FADU files use, so the tests need no binary:
 * resources (files and directories), namespace, images, patches (strategic merge by kind and name;
 * lists of named items such as containers and env merge by name in built-in kinds, other lists and
 * custom resources merge as JSON merge patches do) and configMapGenerator (envs and literals,
 * behavior create or merge, a content-hash name suffix). {@link #kubectl} renders with the real
 * kustomize where kubectl is installed; KustomizeRendererTest keeps the two equal.
 */
final class Kustomize {

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass");
    private static final String GENERATED = "bakery.deploy/generated-name";

    private Kustomize() {
    }

    static List<ObjectNode> build(Path dir) {
        List<ObjectNode> resources = accumulate(dir);
        for (ObjectNode resource : resources) {
            JsonNode generated = resource.path("metadata").path("annotations").path(GENERATED);
            if (!generated.isMissingNode()) {
                ObjectNode annotations = (ObjectNode) resource.path("metadata").path("annotations");
                annotations.remove(GENERATED);
                if (annotations.isEmpty()) {
                    ((ObjectNode) resource.get("metadata")).remove("annotations");
                }
                String name = generated.asText();
                String hashed = name + "-" + hash(resource);
                ((ObjectNode) resource.get("metadata")).put("name", hashed);
                resources.forEach(r -> renameConfigMapReferences(r, name, hashed));
            }
        }
        return resources;
    }

    private static List<ObjectNode> accumulate(Path dir) {
        ObjectNode k = Repo.yaml(dir.resolve("kustomization.yaml"));
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : k.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            resources.addAll(Files.isDirectory(path) ? accumulate(path) : Repo.yamlDocuments(path));
        }
        for (JsonNode generator : k.path("configMapGenerator")) {
            generate(dir, (ObjectNode) generator, resources);
        }
        for (JsonNode patch : k.path("patches")) {
            ObjectNode doc = Repo.yaml(dir.resolve(patch.path("path").asText()));
            ObjectNode target = find(resources, doc.path("kind").asText(), doc.path("metadata").path("name").asText())
                    .orElseThrow(() -> new IllegalStateException(dir + ": patch " + patch + " matches nothing"));
            merge(target, doc, isBuiltIn(target));
        }
        for (JsonNode image : k.path("images")) {
            resources.forEach(r -> setImage(r, image));
        }
        if (k.hasNonNull("namespace")) {
            for (ObjectNode r : resources) {
                if (!CLUSTER_SCOPED.contains(r.path("kind").asText())) {
                    ((ObjectNode) r.get("metadata")).put("namespace", k.get("namespace").asText());
                }
            }
        }
        return resources;
    }

    private static void generate(Path dir, ObjectNode generator, List<ObjectNode> resources) {
        String name = generator.path("name").asText();
        Map<String, String> data = new LinkedHashMap<>();
        for (JsonNode env : generator.path("envs")) {
            for (String line : Repo.read(dir.resolve(env.asText())).split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    int eq = trimmed.indexOf('=');
                    data.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
                }
            }
        }
        for (JsonNode literal : generator.path("literals")) {
            String text = literal.asText();
            int eq = text.indexOf('=');
            data.put(text.substring(0, eq), text.substring(eq + 1));
        }
        String behavior = generator.path("behavior").asText("create");
        ObjectNode configMap = resources.stream()
                .filter(r -> r.path("kind").asText().equals("ConfigMap")
                        && name.equals(r.path("metadata").path("annotations").path(GENERATED).asText(null)))
                .findFirst().orElse(null);
        if (behavior.equals("create")) {
            configMap = Repo.JSON.createObjectNode();
            configMap.put("apiVersion", "v1").put("kind", "ConfigMap");
            configMap.putObject("metadata").put("name", name).putObject("annotations").put(GENERATED, name);
            configMap.putObject("data");
            resources.add(configMap);
        } else if (configMap == null) {
            throw new IllegalStateException(dir + ": configMapGenerator " + name + " merges into nothing");
        } else if (behavior.equals("replace")) {
            configMap.putObject("data");
        }
        ObjectNode target = (ObjectNode) configMap.get("data");
        data.forEach(target::put);
    }

    private static Optional<ObjectNode> find(List<ObjectNode> resources, String kind, String name) {
        return resources.stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.path("metadata").path("name").asText().equals(name))
                .findFirst();
    }

    private static boolean isBuiltIn(ObjectNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        return !apiVersion.contains(".") || apiVersion.contains(".k8s.io/");
    }

    /**
     * Strategic merge: maps merge, null deletes, named list items merge by name in built-in kinds, other lists are replaced.
     */
    static void merge(ObjectNode target, ObjectNode patch, boolean builtIn) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = target.get(field.getKey());
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (existing instanceof ObjectNode e && value instanceof ObjectNode v) {
                merge(e, v, builtIn);
            } else if (builtIn && existing instanceof ArrayNode e && value instanceof ArrayNode v && named(e) && named(v)) {
                // As kustomize orders them: the patch's items first (merged where they existed), then the others.
                ArrayNode merged = e.arrayNode();
                for (JsonNode item : v) {
                    Optional<JsonNode> same = stream(e).filter(x -> x.path("name").equals(item.path("name"))).findFirst();
                    if (same.isPresent()) {
                        merge((ObjectNode) same.get(), (ObjectNode) item, true);
                        merged.add(same.get());
                    } else {
                        merged.add(item.deepCopy());
                    }
                }
                stream(e).filter(x -> stream(v).noneMatch(p -> p.path("name").equals(x.path("name")))).forEach(merged::add);
                target.set(field.getKey(), merged);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    private static boolean named(ArrayNode list) {
        return stream(list).allMatch(item -> item.isObject() && item.hasNonNull("name"));
    }

    private static java.util.stream.Stream<JsonNode> stream(ArrayNode list) {
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return items.stream();
    }

    private static void setImage(ObjectNode resource, JsonNode image) {
        for (ObjectNode container : containers(resource)) {
            String current = container.path("image").asText();
            int at = current.indexOf('@');
            int colon = current.lastIndexOf(':');
            boolean tagged = colon > current.lastIndexOf('/');
            String name = at >= 0 ? current.substring(0, at) : tagged ? current.substring(0, colon) : current;
            String tag = at >= 0 ? current.substring(at) : tagged ? current.substring(colon) : "";
            if (name.equals(image.path("name").asText())) {
                String newName = image.path("newName").asText(name);
                String newTag = image.hasNonNull("newTag") ? ":" + image.get("newTag").asText() : tag;
                container.put("image", newName + newTag);
            }
        }
    }

    /** The containers of a workload's pod template. */
    static List<ObjectNode> containers(JsonNode resource) {
        List<ObjectNode> found = new ArrayList<>();
        JsonNode pod = resource.path("spec").path("template").path("spec");
        for (String list : List.of("initContainers", "containers")) {
            pod.path(list).forEach(c -> found.add((ObjectNode) c));
        }
        return found;
    }

    private static void renameConfigMapReferences(ObjectNode resource, String from, String to) {
        for (ObjectNode container : containers(resource)) {
            for (JsonNode envFrom : container.path("envFrom")) {
                rename(envFrom.path("configMapRef"), from, to);
            }
            for (JsonNode env : container.path("env")) {
                rename(env.path("valueFrom").path("configMapKeyRef"), from, to);
            }
        }
        for (JsonNode volume : resource.path("spec").path("template").path("spec").path("volumes")) {
            rename(volume.path("configMap"), from, to);
        }
    }

    private static void rename(JsonNode ref, String from, String to) {
        if (ref instanceof ObjectNode o && from.equals(o.path("name").asText())) {
            o.put("name", to);
        }
    }

    private static String hash(ObjectNode configMap) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(configMap.path("data").toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code kubectl kustomize dir}, when kubectl is installed; empty otherwise. */
    static Optional<List<ObjectNode>> kubectl(Path dir) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed");
            }
            return Optional.of(Repo.yamlDocuments(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
