package vn.hotline1022.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * JSON schemas of what the project deploys, and validation against them:
 * <ul>
 * <li>Kubernetes' own kinds: the schemas inside fabric8's kubernetes-model jars, made strict here (an unknown field
 * is an error, as {@code kubectl apply --validate=strict} would say) with the few Go types the generator renders as
 * objects (quantities, int-or-string) put back to the scalars they are in YAML;</li>
 * <li>operators' custom resources: {@code schemas/crds/<group>/<kind>_<version>.json}, vendored from
 * datreeio/CRDs-catalog (strict already);</li>
 * <li>Compose: {@code schemas/compose-spec.json}.</li>
 * </ul>
 */
final class ManifestSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();
    private static volatile ObjectNode kubernetesDefinitions;

    private ManifestSchemas() {
    }

    /** What is wrong with {@code object} (empty when it is valid); a kind without a schema is itself an error. */
    static List<String> problems(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        Optional<JsonSchema> schema = schemaOf(apiVersion, kind);
        if (schema.isEmpty()) {
            return List.of("no schema for " + apiVersion + " " + kind);
        }
        return messages(schema.get(), object);
    }

    static List<String> composeProblems(Map<String, Object> compose) {
        JsonSchema schema = CACHE.computeIfAbsent("compose", k -> {
            ObjectNode spec = (ObjectNode) resource("schemas/compose-spec.json")
                    .orElseThrow(() -> new IllegalStateException("schemas/compose-spec.json is missing"));
            // Its $id is a bare file name, which the validator refuses as a base URI; its references are all local.
            spec.put("$id", "https://github.com/compose-spec/compose-spec/blob/main/schema/compose-spec.json");
            return FACTORY.getSchema(spec);
        });
        return messages(schema, compose);
    }

    private static List<String> messages(JsonSchema schema, Map<String, Object> object) {
        JsonNode node = JSON.valueToTree(object);
        return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    static Optional<JsonSchema> schemaOf(String apiVersion, String kind) {
        String key = apiVersion + " " + kind;
        JsonSchema cached = CACHE.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<JsonNode> node = apiVersion.contains(".") && !apiVersion.contains(".k8s.io/")
                ? customResource(apiVersion, kind)
                : kubernetesKind(apiVersion, kind);
        return node.map(n -> {
            JsonSchema s = FACTORY.getSchema(n);
            CACHE.put(key, s);
            return s;
        });
    }

    private static Optional<JsonNode> customResource(String apiVersion, String kind) {
        String[] groupVersion = apiVersion.split("/", 2);
        return resource("schemas/crds/" + groupVersion[0] + "/" + kind.toLowerCase() + "_" + groupVersion[1] + ".json");
    }

    private static Optional<JsonNode> kubernetesKind(String apiVersion, String kind) {
        ObjectNode definitions = kubernetesDefinitions();
        for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> d = it.next();
            JsonNode properties = d.getValue().path("properties");
            if (kind.equals(properties.path("kind").path("default").asText(null))
                    && apiVersion.equals(properties.path("apiVersion").path("default").asText(null))) {
                ObjectNode schema = JSON.createObjectNode();
                schema.put("$ref", "#/definitions/" + d.getKey());
                schema.set("definitions", definitions);
                return Optional.of(schema);
            }
        }
        return Optional.empty();
    }

    /** Every fabric8 model jar's definitions, merged and made strict. */
    private static synchronized ObjectNode kubernetesDefinitions() {
        if (kubernetesDefinitions != null) {
            return kubernetesDefinitions;
        }
        ObjectNode merged = JSON.createObjectNode();
        try {
            for (URL url : Collections.list(ManifestSchemas.class.getClassLoader()
                    .getResources("schema/validation-schema.json"))) {
                try (InputStream in = url.openStream()) {
                    JsonNode definitions = JSON.readTree(in).path("definitions");
                    definitions.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (merged.isEmpty()) {
            throw new IllegalStateException("no fabric8 kubernetes-model schema on the class path");
        }
        Map<String, JsonNode> scalars = new LinkedHashMap<>();
        merged.fieldNames().forEachRemaining(name -> {
            if (name.endsWith("_Quantity") || name.endsWith("_IntOrString")) {
                scalars.put(name, JSON.createObjectNode().set("type",
                        JSON.createArrayNode().add("string").add("integer").add("number")));
            } else if (name.endsWith("_MicroTime") || name.endsWith("_Time")) {
                scalars.put(name, JSON.createObjectNode().put("type", "string"));
            } else if (name.endsWith("_RawExtension")) {
                scalars.put(name, JSON.createObjectNode());
            }
        });
        scalars.forEach(merged::set);
        merged.forEach(ManifestSchemas::strict);
        kubernetesDefinitions = merged;
        return merged;
    }

    /** No unknown field where the schema lists the fields; the generator's Java hints and draft-3 flags dropped. */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("existingJavaType", "javaType", "javaInterfaces", "javaOmitEmpty"));
            if (o.path("required").isBoolean()) {
                o.remove("required");
            }
            if (o.has("properties") && o.path("additionalProperties").isBoolean()) {
                o.put("additionalProperties", false);
            }
            o.forEach(ManifestSchemas::strict);
        } else if (node instanceof ArrayNode a) {
            a.forEach(ManifestSchemas::strict);
        }
    }

    private static Optional<JsonNode> resource(String path) {
        try (InputStream in = ManifestSchemas.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
