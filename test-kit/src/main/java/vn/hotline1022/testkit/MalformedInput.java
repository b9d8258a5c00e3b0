package vn.hotline1022.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The requests {@link BadInputFuzzer} sends: a well-formed body built from an OpenAPI schema (or an example), and the
 * malformed values it puts in its place, one at a time, in parameters and in every field.
 */
final class MalformedInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Replaced after serialisation by a lone UTF-16 surrogate escape, which Jackson would not write. */
    private static final String LONE_SURROGATE = "__LONE_SURROGATE__";

    private final JsonNode openapi;

    MalformedInput(JsonNode openapi) {
        this.openapi = openapi;
    }

    /** A malformed value for a path or query parameter, already percent-encoded where it must be raw. */
    record RawValue(String name, String encoded) {
    }

    static final List<RawValue> PARAMETER_VALUES = List.of(
            new RawValue("NUL", enc("a\u0000b")),
            new RawValue("control character", enc("a\u0007b")),
            new RawValue("invalid UTF-8", "%C0%AE%FF"),
            new RawValue("huge number", "99999999999999999999999"),
            new RawValue("int overflow", "2147483648"),
            new RawValue("negative", "-2147483649"),
            new RawValue("not a number", "abc"),
            new RawValue("extreme date", enc("+1000000000-01-01")),
            new RawValue("extreme instant", enc("-1000000000-01-01T00:00:00Z")),
            new RawValue("long text", "a".repeat(20_000)),
            new RawValue("odd unicode", enc("\u202Eevil\uFEFF\uFFFF")),
            new RawValue("path traversal", enc("../../etc/passwd")));

    /** Each field of the body replaced by each malformed value, and malformed bodies as a whole. */
    Map<String, String> bodyVariants(JsonNode body, boolean everything) {
        Map<String, String> variants = new LinkedHashMap<>();
        List<List<Object>> fields = new ArrayList<>();
        fieldPaths(body, new ArrayList<>(), fields);
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("NUL", NODES.textNode("a\u0000b"));
        values.put("wrong type", NODES.objectNode().put("x", 1));
        if (everything) {
            values.put("control character", NODES.textNode("a\u0001b"));
            values.put("huge number", NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")));
            values.put("int overflow", NODES.numberNode(2_147_483_648L));
            values.put("negative", NODES.numberNode(-2_147_483_649L));
            values.put("huge decimal", NODES.numberNode(new java.math.BigDecimal("1e400")));
            values.put("extreme instant", NODES.textNode("+1000000000-01-01T00:00:00Z"));
            values.put("extreme past", NODES.textNode("-1000000000-01-01T00:00:00Z"));
            values.put("extreme date", NODES.textNode("+999999999-12-31"));
            values.put("array", NODES.arrayNode().add(1).add("x"));
            values.put("boolean", NODES.booleanNode(true));
            values.put("null", NODES.nullNode());
            values.put("long text", NODES.textNode("ạ".repeat(100_000)));
            values.put("odd unicode", NODES.textNode("\u202Eevil\uFEFF\uFFFF" + LONE_SURROGATE));
        }
        for (List<Object> field : fields) {
            for (var v : values.entrySet()) {
                JsonNode copy = body.deepCopy();
                set(copy, field, v.getValue());
                variants.put("body " + name(field) + ": " + v.getKey(), write(copy));
            }
        }
        variants.put("body: not JSON", "{\"a\":");
        if (everything) {
            variants.put("body: empty", "");
            variants.put("body: null", "null");
            variants.put("body: array", "[]");
            variants.put("body: string", "\"x\"");
            variants.put("body: deep nesting", "[".repeat(20_000) + "]".repeat(20_000));
            variants.put("body: deep objects", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
            variants.put("body: oversized", "{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}");
        }
        return variants;
    }

    private static void fieldPaths(JsonNode node, List<Object> at, List<List<Object>> out) {
        if (at.size() > 3) {
            return;
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                List<Object> next = new ArrayList<>(at);
                next.add(f);
                out.add(next);
                fieldPaths(node.get(f), next, out);
            });
        } else if (node.isArray() && !node.isEmpty()) {
            List<Object> next = new ArrayList<>(at);
            next.add(0);
            out.add(next);
            fieldPaths(node.get(0), next, out);
        }
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof Integer n ? parent.get(n) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer n) {
            ((ArrayNode) parent).set(n, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    private static String name(List<Object> path) {
        StringBuilder s = new StringBuilder();
        for (Object step : path) {
            s.append(step instanceof Integer n ? "[" + n + "]" : (s.isEmpty() ? "" : ".") + step);
        }
        return s.toString();
    }

    /** A plausible well-formed value of {@code schema}: the base every variant changes one thing of. */
    JsonNode skeleton(JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return skeleton(openapi.at(ref.substring(1)), depth);
        }
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combined) && schema.get(combined).size() > 0) {
                return skeleton(schema.get(combined).get(0), depth);
            }
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        if (depth > 5) {
            return NODES.nullNode();
        }
        switch (type) {
            case "object": {
                ObjectNode o = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(f -> o.set(f.getKey(), skeleton(f.getValue(),
                        depth + 1)));
                return o;
            }
            case "array":
                return NODES.arrayNode().add(skeleton(schema.path("items"), depth + 1));
            case "integer":
            case "number":
                return NODES.numberNode(schema.has("minimum") ? Math.max(1, schema.get("minimum").asLong()) : 1);
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return switch (schema.path("format").asText()) {
                    case "date-time" -> NODES.textNode(java.time.Instant.now().plusSeconds(3600).toString());
                    case "date" -> NODES.textNode(java.time.LocalDate.now().toString());
                    case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                    default -> NODES.textNode(text(schema));
                };
        }
    }

    /** A string the schema's pattern and length accept, so the rest of the body is reached. */
    private static String text(JsonNode schema) {
        String text = schema.has("pattern") ? RegexExample.of(schema.get("pattern").asText()) : "Hà Nội 1";
        int min = schema.path("minLength").asInt(0);
        if (text.length() < min) {
            text = text + "x".repeat(min - text.length());
        }
        return text;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).replace(LONE_SURROGATE, "\\ud800x");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
