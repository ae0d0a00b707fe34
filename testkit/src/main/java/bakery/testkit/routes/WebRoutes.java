package bakery.testkit.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;

/**
 * Every JAX-RS route of a compiled application, read from its class files (the same Jandex index
 * Quarkus builds its routing from), so a test that walks them covers a route added tomorrow without
 * being edited. REST client interfaces are calls out, not routes, and are left out.
 */
public final class WebRoutes {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName PATH_PARAM = DotName.createSimple("jakarta.ws.rs.PathParam");
    private static final DotName ROLES_ALLOWED = DotName.createSimple("jakarta.annotation.security.RolesAllowed");
    private static final DotName PERMIT_ALL = DotName.createSimple("jakarta.annotation.security.PermitAll");
    private static final DotName AUTHENTICATED = DotName.createSimple("io.quarkus.security.Authenticated");
    private static final DotName UUID_TYPE = DotName.createSimple(UUID.class.getName());
    private static final Map<DotName, String> HTTP_METHODS = Map.of(
            DotName.createSimple("jakarta.ws.rs.GET"), "GET",
            DotName.createSimple("jakarta.ws.rs.POST"), "POST",
            DotName.createSimple("jakarta.ws.rs.PUT"), "PUT",
            DotName.createSimple("jakarta.ws.rs.DELETE"), "DELETE",
            DotName.createSimple("jakarta.ws.rs.PATCH"), "PATCH",
            DotName.createSimple("jakarta.ws.rs.HEAD"), "HEAD",
            DotName.createSimple("jakarta.ws.rs.OPTIONS"), "OPTIONS");

    /** A path parameter's sample when it is not an order id: a product every catalog has. */
    public static final String SAMPLE_TEXT = "croissant";

    private WebRoutes() {
    }

    /** The routes of the classes compiled into {@code classes} (a module's {@code target/classes}). */
    public static List<WebRoute> in(Path classes) {
        Index index = index(classes);
        List<WebRoute> routes = new ArrayList<>();
        for (ClassInfo resource : index.getKnownClasses()) {
            AnnotationInstance classPath = resource.declaredAnnotation(PATH);
            if (classPath == null || resource.isInterface()) {
                continue;
            }
            for (MethodInfo method : resource.methods()) {
                String verb = verbOf(method);
                if (verb != null) {
                    AnnotationInstance methodPath = method.declaredAnnotation(PATH);
                    String template = join(classPath.value().asString(),
                            methodPath == null ? "" : methodPath.value().asString());
                    routes.add(new WebRoute(verb, template, rolesOf(resource, method), samples(method)));
                }
            }
        }
        routes.sort(Comparator.comparing(WebRoute::template).thenComparing(WebRoute::method));
        return routes;
    }

    private static Index index(Path classes) {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classes in " + classes, e);
        }
        return indexer.complete();
    }

    private static String verbOf(MethodInfo method) {
        for (AnnotationInstance annotation : method.declaredAnnotations()) {
            String verb = HTTP_METHODS.get(annotation.name());
            if (verb != null) {
                return verb;
            }
        }
        return null;
    }

    /** Method annotations win over the class's, as in Quarkus. */
    private static Set<String> rolesOf(ClassInfo resource, MethodInfo method) {
        for (var target : List.of(method.declaredAnnotations(), resource.declaredAnnotations())) {
            for (AnnotationInstance a : target) {
                if (a.name().equals(PERMIT_ALL)) {
                    return Set.of();
                }
                if (a.name().equals(AUTHENTICATED)) {
                    return Set.of(WebRoute.ANY_SIGNED_IN);
                }
                if (a.name().equals(ROLES_ALLOWED)) {
                    AnnotationValue value = a.value();
                    return value == null ? Set.of() : Set.of(value.asStringArray());
                }
            }
        }
        return Set.of(WebRoute.UNANNOTATED);
    }

    private static Map<String, String> samples(MethodInfo method) {
        Map<String, String> samples = new LinkedHashMap<>();
        for (MethodParameterInfo parameter : method.parameters()) {
            AnnotationInstance pathParam = parameter.declaredAnnotation(PATH_PARAM);
            if (pathParam != null) {
                samples.put(pathParam.value().asString(),
                        parameter.type().name().equals(UUID_TYPE) ? UUID.randomUUID().toString() : SAMPLE_TEXT);
            }
        }
        return samples;
    }

    static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
