package io.fingerprint.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker-compose.yml, parsed. */
final class Compose {
    static final String FILE = "docker-compose.yml";
    static final JsonNode ROOT = Repo.yaml(FILE);

    private Compose() {
    }

    static Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        ROOT.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    static JsonNode service(String name) {
        JsonNode service = ROOT.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** A service's environment as a map (map or list form). */
    static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isObject()) {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else if (environment.isArray()) {
            environment.forEach(item -> {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        }
        return env;
    }

    static List<String> list(JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> list.add(item.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            list.addAll(List.of(node.asText().trim().split("\\s+")));
        }
        return list;
    }

    /** "host:container" port mappings as container → host. */
    static Map<Integer, Integer> ports(JsonNode service) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        service.path("ports").forEach(p -> {
            String[] parts = p.asText().split(":");
            ports.put(Integer.parseInt(parts[parts.length - 1].replaceAll("/.*", "")),
                    Integer.parseInt(parts[parts.length - 2]));
        });
        return ports;
    }

    /** "source:target" volume mounts as target → source. */
    static Map<String, String> volumes(JsonNode service) {
        Map<String, String> volumes = new LinkedHashMap<>();
        service.path("volumes").forEach(v -> {
            String[] parts = v.asText().split(":");
            volumes.put(parts[1], parts[0]);
        });
        return volumes;
    }

    static boolean longRunning(JsonNode service) {
        return !"no".equals(service.path("restart").asText("no"));
    }
}
