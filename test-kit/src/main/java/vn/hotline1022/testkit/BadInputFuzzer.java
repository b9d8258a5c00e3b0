package vn.hotline1022.testkit;

import java.net.URI;
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
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

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
    private MalformedInput input;

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
            if (role.equals("official")) { // a ward and a district: every officials' endpoint lets it in
                t.claim("district_codes", List.of("718")).claim("ward_codes", List.of("25966"));
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
        input = new MalformedInput(openapi);
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
                : examples.containsKey(operation) ? examples.get(operation).deepCopy() : input.skeleton(bodySchema, 0);
        boolean mutating = !method.equals("GET");

        // Which tokens get past authentication and authorisation at all.
        List<String> admitted = new ArrayList<>();
        for (var token : tokens.entrySet()) {
            int status = attempt(operation, "well-formed", token.getKey(), method,
                    url(template, parameters, null, null), token.getValue(), body == null ? null : MalformedInput.write(body), false);
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
                for (MalformedInput.RawValue v : everything ? MalformedInput.PARAMETER_VALUES : MalformedInput.PARAMETER_VALUES.subList(0, 1)) {
                    String u = url(template, parameters, p.path("name").asText(), v.encoded());
                    before = checked(operation, in + " " + p.path("name").asText() + ": " + v.name(), token, method,
                            u, body == null ? null : MalformedInput.write(body), everything && mutating, before);
                }
            }
            if (body != null) {
                for (Map.Entry<String, String> v : input.bodyVariants(body, everything).entrySet()) {
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
            try {
                // The previous request may have been refused with its connection closed (a 414 for a path too long
                // closes it), and the client reused that connection: the request never reached the server. Once more
                // on a fresh connection; a server that really does not answer fails again.
                status = send(method, url, bearer, body).statusCode();
            } catch (java.io.IOException again) {
                findings.add(new Finding(operation, variant, token, -1, "no answer: " + again));
                return -1;
            }
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
                        : MalformedInput.enc(pathValues.getOrDefault(name, UUID.randomUUID().toString())));
            } else if (p.path("in").asText().equals("query") && value != null) {
                query.append(query.isEmpty() ? "?" : "&").append(MalformedInput.enc(name)).append('=').append(value);
            }
        }
        return path + query;
    }
}
