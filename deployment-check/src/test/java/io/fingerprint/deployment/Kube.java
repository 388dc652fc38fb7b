package io.fingerprint.deployment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** k8s/*.yaml deserialized strictly into fabric8's typed Kubernetes model. */
final class Kube {
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "batch/v1/Job", Job.class);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    record Manifest(Path file, HasMetadata object) {
        String describe() {
            return file.getFileName() + ": " + object.getKind() + "/" + object.getMetadata().getName();
        }
    }

    static final List<Manifest> ALL = load();

    private Kube() {
    }

    private static List<Manifest> load() {
        List<Manifest> all = new ArrayList<>();
        for (Path file : Repo.k8sFiles()) {
            for (JsonNode doc : Repo.yamlDocuments(file)) {
                String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(key);
                if (type == null) {
                    throw new AssertionError(file.getFileName() + ": no typed model here for " + key);
                }
                try {
                    HasMetadata object = MAPPER.treeToValue(doc, type);
                    List<String> unknown = new ArrayList<>();
                    unknownFields(object, type.getSimpleName(), unknown, new IdentityHashMap<>());
                    if (!unknown.isEmpty()) {
                        throw new AssertionError(file.getFileName() + ": fields the Kubernetes API does not have: " + unknown);
                    }
                    all.add(new Manifest(file, object));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new AssertionError(file.getFileName() + ": " + key + " does not fit the Kubernetes model: " + e.getMessage(), e);
                }
            }
        }
        return all;
    }

    /**
     * fabric8's model keeps fields it does not know in additionalProperties instead of failing: every
     * one of those maps, anywhere in the tree, must be empty.
     */
    static void unknownFields(Object node, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + " " + extra.keySet());
                    }
                } else {
                    unknownFields(value, path + "." + getter.getName().substring(3), unknown, seen);
                }
            } catch (java.lang.reflect.InvocationTargetException e) {
                // a computed getter (Quantity.getNumericalAmount, ...) that does not apply here
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static <T extends HasMetadata> List<T> all(Class<T> type) {
        return ALL.stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("k8s/ has no " + type.getSimpleName() + " " + name));
    }

    /** The pod template of a workload, or null. */
    static PodTemplateSpec podTemplate(HasMetadata object) {
        if (object instanceof Deployment d) {
            return d.getSpec().getTemplate();
        }
        if (object instanceof StatefulSet s) {
            return s.getSpec().getTemplate();
        }
        if (object instanceof Job j) {
            return j.getSpec().getTemplate();
        }
        return null;
    }
}
