package bakery.deploy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Reads a rendered Kubernetes object into its typed model: fabric8's kubernetes-model for Kubernetes' own kinds,
 * Strimzi's api model for the Kafka cluster, its node pools, topics and users. The models keep a field they do not
 * know instead of failing (so that a client survives a newer server); here that is a mistake the API server or the
 * operator would refuse or silently drop, so {@link #problems} reports it, as it reports a value of the wrong type.
 */
final class ManifestSchemas {

    private static final Map<String, Class<? extends KubernetesResource>> STRIMZI = Map.of("Kafka", Kafka.class,
            "KafkaNodePool", KafkaNodePool.class, "KafkaTopic", KafkaTopic.class, "KafkaUser", KafkaUser.class);
    /** Kinds no published Java model describes: KEDA's. KubernetesOverlaysTest checks their fields one by one. */
    static final Set<String> UNMODELLED_GROUPS = Set.of("keda.sh");

    private static final ObjectMapper MAPPER = strictMapper();
    static {
        // Teaches the mapper every kind of the model (by apiVersion and kind) and the model's own value types.
        new KubernetesSerialization(MAPPER, true);
    }

    private ManifestSchemas() {
    }

    /** Empty when the object reads into its model with every field known and of the right type. */
    static List<String> problems(ObjectNode object) {
        String kind = object.path("kind").asText();
        String group = object.path("apiVersion").asText().contains("/") ? object.path("apiVersion").asText().split("/")[0]
                : "";
        String name = kind + " " + object.path("metadata").path("name").asText();
        Object typed;
        try {
            Class<? extends KubernetesResource> model = group.equals("kafka.strimzi.io") ? STRIMZI.get(kind)
                    : KubernetesResource.class;
            if (model == null) {
                return List.of(name + ": Strimzi kind without a model here");
            }
            typed = MAPPER.readValue(object.toString(), model);
        } catch (IOException | RuntimeException e) {
            return List.of(name + ": " + rootMessage(e));
        }
        if (typed instanceof GenericKubernetesResource && !UNMODELLED_GROUPS.contains(group)) {
            return List.of(name + ": " + object.path("apiVersion").asText() + " is no kind the model knows");
        }
        List<String> unknown = new ArrayList<>();
        if (!(typed instanceof GenericKubernetesResource)) {
            collectUnknownFields(typed, name, unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return unknown;
    }

    /** A field the model does not know lands in an additionalProperties map on the object that holds it. */
    private static void collectUnknownFields(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || !seen.add(value)) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, found, seen));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                collectUnknownFields(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.kubernetes.api.model") && !type.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                collectUnknownFields(field, path + "." + property(getter.getName()), found, seen);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String property(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }

    /**
     * Kubernetes' own parser takes no 3 where a string belongs (an unquoted env value): neither does this one. (A
     * quoted "3" where a number belongs still passes: Jackson's integer reader takes it whatever the settings.)
     */
    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();
        for (CoercionInputShape scalar : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        return mapper;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage().lines().findFirst().orElse("");
    }
}
