package vn.hotline1022.testkit;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Walks every operation of a service's own OpenAPI document and sends it malformed input: NUL and control characters,
 * huge, overflowing and negative numbers, extreme dates, wrong types, deep nesting, an oversized body and odd Unicode,
 * in path and query parameters and in every field of the body, with every token it is given and with none. It
 * records every 5xx and every refused request (4xx) after which the database was not as before.
 *
 * <p>Each operation first gets a well-formed request per token, to learn which tokens it lets in; the full set of
 * malformed variants goes with the first token let in, a smaller set with every other token and without one.
 */
public final class BadInputFuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Replaced after serialisation by a lone UTF-16 surrogate escape, which Jackson would not write. */
    private static final String LONE_SURROGATE = "__LONE_SURROGATE__";
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** A malformed value for a path or query parameter, already percent-encoded where it must be raw. */
    private record RawValue(String name, String encoded) {
    }

    private static final List<RawValue> PARAMETER_VALUES = List.of(
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

    /** What one malformed request was and what came back. */
    public record Finding(String operation, String variant, String token, int status, String problem) {
        @Override
        public String toString() {
            return operation + " [" + variant + "] as " + token + ": " + status + " — " + problem;
        }
    }

    public record Report(int requests, Map<Integer, Integer> statuses, List<Finding> findings, int operations) {
        public String summary() {
            return "bad-input walk: " + requests + " requests over " + operations + " operations, statuses "
                    + statuses + ", " + findings.size() + " findings";
        }
    }

    private final URI base;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Map<String, JsonNode> examples = new LinkedHashMap<>();
    private Supplier<String> fingerprint = () -> "";
    private Runnable beforeEachOperation = () -> {
    };
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private int requests;
    private JsonNode openapi;

    private BadInputFuzzer(URI base) {
        this.base = base;
        tokens.put("no token", null);
    }

    public static BadInputFuzzer against(URI base) {
        return new BadInputFuzzer(base);
    }

    /** A signed-in caller to try; the order matters: the first one an operation lets in gets every variant. */
    public BadInputFuzzer token(String name, String bearer) {
        tokens.put(name, bearer);
        return this;
    }

    /** The value of a path parameter in well-formed requests (e.g. an existing programme code); else a UUID. */
    public BadInputFuzzer pathValue(String parameter, String value) {
        pathValues.put(parameter, value);
        return this;
    }

    /**
     * A token for each role of the realm with the tenant claims it is normally given (Bình Dương, hospital 74001, team
     * TDM-01), non-admin roles first so that scoped code paths get the full set of variants.
     */
    public BadInputFuzzer everyRole() {
        for (String role : AccessMatrix.ROLES) {
            TestTokens t = TestTokens.user("fuzz-" + role, role).claim("province_codes", List.of("74"))
                    .claim("hospital_code", "74001").claim("team_code", "TDM-01");
            if (role.equals("relief-officer")) {
                t.claim("district_codes", List.of("718"));
            }
            token(role, t.sign());
        }
        return this;
    }

    /** Runs before each operation is walked, e.g. to reset a per-address rate limit the walk would exhaust. */
    public BadInputFuzzer beforeEachOperation(Runnable hook) {
        this.beforeEachOperation = hook;
        return this;
    }

    /**
     * A well-formed body for {@code operation} (e.g. {@code "POST /api/v1/calls"}) where the schema alone cannot give
     * one (values checked against reference data), so that each malformed field is judged past validation.
     */
    public BadInputFuzzer example(String operation, String json) {
        try {
            examples.put(operation, JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
        return this;
    }

    /** A digest of the service's data; refused requests must leave it as it was. */
    public BadInputFuzzer fingerprint(Supplier<String> fingerprint) {
        this.fingerprint = fingerprint;
        return this;
    }

    /**
     * The walk as each service's test runs it: every role, against the application under test on {@code port},
     * checked against its database; the summary is kept in {@code target/bad-input-walk.txt} (.ci/run prints it) and
     * the report returned for the test's assertions.
     */
    public static Report walkService(String service, int port, javax.sql.DataSource dataSource,
            Runnable beforeEachOperation, java.util.function.UnaryOperator<BadInputFuzzer> customise,
            String... tablesChangedOnPurpose) throws Exception {
        BadInputFuzzer fuzzer = against(URI.create("http://localhost:" + port)).everyRole()
                .beforeEachOperation(beforeEachOperation)
                .fingerprint(new DatabaseFingerprint(dataSource, tablesChangedOnPurpose));
        Report report = customise.apply(fuzzer).run();
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bad-input-walk.txt"),
                service + " " + report.summary() + System.lineSeparator());
        return report;
    }

    public Report run() throws Exception {
        openapi = JSON.readTree(send("GET", "/q/openapi?format=json", null, null).body());
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                    operations++;
                    walk(method.toUpperCase(), path.getKey(), op, path.getValue().path("parameters"));
                }
            }
        }
        return new Report(requests, statuses, List.copyOf(findings), operations);
    }

    private void walk(String method, String template, JsonNode op, JsonNode sharedParameters) throws Exception {
        String operation = method + " " + template;
        beforeEachOperation.run();
        List<JsonNode> parameters = new ArrayList<>();
        sharedParameters.forEach(parameters::add);
        op.path("parameters").forEach(parameters::add);
        JsonNode bodySchema = op.path("requestBody").path("content").path("application/json").path("schema");
        JsonNode body = bodySchema.isMissingNode() ? null
                : examples.containsKey(operation) ? examples.get(operation).deepCopy() : skeleton(bodySchema, 0);
        boolean mutating = !method.equals("GET");

        // Which tokens get past authentication and authorisation at all.
        List<String> admitted = new ArrayList<>();
        for (var token : tokens.entrySet()) {
            int status = attempt(operation, "well-formed", token.getKey(), method,
                    url(template, parameters, null, null), token.getValue(), body == null ? null : write(body), false);
            if (status != 401 && status != 403) {
                admitted.add(token.getKey());
            }
        }
        String full = admitted.isEmpty() ? "no token" : admitted.get(0);
        for (var token : tokens.entrySet()) {
            boolean everything = token.getKey().equals(full);
            String before = fingerprint.get();
            for (JsonNode p : parameters) {
                String in = p.path("in").asText();
                if (!in.equals("path") && !in.equals("query")) {
                    continue;
                }
                for (RawValue v : everything ? PARAMETER_VALUES : PARAMETER_VALUES.subList(0, 1)) {
                    String u = url(template, parameters, p.path("name").asText(), v.encoded());
                    before = checked(operation, in + " " + p.path("name").asText() + ": " + v.name(), token, method,
                            u, body == null ? null : write(body), everything && mutating, before);
                }
            }
            if (body != null) {
                for (Map.Entry<String, String> v : bodyVariants(body, everything).entrySet()) {
                    before = checked(operation, v.getKey(), token, method, url(template, parameters, null, null),
                            v.getValue(), everything && mutating, before);
                }
            }
            if (mutating && !everything && !before.equals(fingerprint.get())) {
                findings.add(new Finding(operation, "refused variants", token.getKey(), 0,
                        "data changed although every request was refused"));
            }
        }
    }

    /** Sends one variant; when refused, the data must be unchanged. Returns the fingerprint to compare next. */
    private String checked(String operation, String variant, Map.Entry<String, String> token, String method, String url,
            String body, boolean compare, String before) throws Exception {
        int status = attempt(operation, variant, token.getKey(), method, url, token.getValue(), body, true);
        if (!compare) {
            return before;
        }
        String after = fingerprint.get();
        if (status >= 400 && status < 500 && !after.equals(before)) {
            findings.add(new Finding(operation, variant, token.getKey(), status, "refused, but data changed"));
        }
        return after;
    }

    private int attempt(String operation, String variant, String token, String method, String url, String bearer,
            String body, boolean malformed) throws Exception {
        int status;
        try {
            status = send(method, url, bearer, body).statusCode();
        } catch (java.io.IOException e) {
            if (variant.endsWith("oversized")) {
                // The server answered 413 and closed the connection while the client was still sending: refused.
                requests++;
                statuses.merge(413, 1, Integer::sum);
                return 413;
            }
            findings.add(new Finding(operation, variant, token, -1, "no answer: " + e));
            return -1;
        }
        requests++;
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500) {
            findings.add(new Finding(operation, variant, token, status, malformed ? "server error on bad input"
                    : "server error on a well-formed request"));
        }
        return status;
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String bearer, String body)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            r.header("Content-Type", "application/json");
            r.method(method, HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)));
        } else {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The path with well-formed values, and {@code bad} (already encoded) for parameter {@code badName}. */
    private String url(String template, List<JsonNode> parameters, String badName, String bad) {
        String path = template;
        StringBuilder query = new StringBuilder();
        for (JsonNode p : parameters) {
            String name = p.path("name").asText();
            String value = name.equals(badName) ? bad : null;
            if (p.path("in").asText().equals("path")) {
                path = path.replace("{" + name + "}", value != null ? value
                        : enc(pathValues.getOrDefault(name, UUID.randomUUID().toString())));
            } else if (p.path("in").asText().equals("query") && value != null) {
                query.append(query.isEmpty() ? "?" : "&").append(enc(name)).append('=').append(value);
            }
        }
        return path + query;
    }

    /** Each field of the body replaced by each malformed value, and malformed bodies as a whole. */
    private Map<String, String> bodyVariants(JsonNode body, boolean everything) {
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
    private JsonNode skeleton(JsonNode schema, int depth) {
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

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).replace(LONE_SURROGATE, "\\ud800x");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
