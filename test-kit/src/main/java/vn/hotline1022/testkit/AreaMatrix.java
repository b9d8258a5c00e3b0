package vn.hotline1022.testkit;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The role × resource scope matrix: every operation of a service's OpenAPI document, tried by every role the
 * operation admits, with a token of <em>another</em> area than the resource's. Nothing of the other area may come
 * back: an operation on one resource answers 403 or 404 (never 2xx, and never 400: its fixture must be valid enough
 * for the area check to be reached), a list never names the other area's resources (its markers). The same reads with
 * a token of the resource's own area must answer 200, so a 404 to the outsider proves the check and not a wrong
 * fixture. An operation without a fixture fails the build: a new endpoint cannot skip the check.
 */
public final class AreaMatrix {

    private final Map<String, Set<String>> roles = new LinkedHashMap<>();
    private final Map<String, String> paths = new LinkedHashMap<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final Map<String, String> queries = new LinkedHashMap<>();
    private final List<String> markers = new ArrayList<>();
    private final Set<String> ignored = new TreeSet<>();
    private Map<String, Object> outsiderClaims = Map.of();
    private Map<String, Object> insiderClaims = Map.of();

    public static AreaMatrix forService() {
        return new AreaMatrix();
    }

    /** The roles that may call {@code endpoint} ({@code "GET /api/v1/teams/{code}"}), as in {@link AccessMatrix}. */
    public AreaMatrix roles(String endpoint, String... allowed) {
        roles.put(endpoint, new TreeSet<>(List.of(allowed)));
        return this;
    }

    /** Path templates starting with {@code template} ({@code /api/v1/teams/{code}}) name the other area's resource. */
    public AreaMatrix resource(String template, String concrete) {
        paths.put(template, concrete);
        return this;
    }

    /** The body {@code endpoint} is sent with (valid, naming the other area's resource). */
    public AreaMatrix body(String endpoint, String json) {
        bodies.put(endpoint, json);
        return this;
    }

    /** The query {@code endpoint} is called with ({@code caseId=...}). */
    public AreaMatrix query(String endpoint, String query) {
        queries.put(endpoint, query);
        return this;
    }

    /** Text of the other area's resources (a case code, a team code) that no answer to an outsider may hold. */
    public AreaMatrix marker(String text) {
        markers.add(text);
        return this;
    }

    /** Not about any area (e.g. the caller's own preferences); the reason is for the reader. */
    public AreaMatrix notAreaBound(String endpoint, String why) {
        ignored.add(endpoint);
        return this;
    }

    /** Claims of a caller of another area (province, district, team, hospital...). */
    public AreaMatrix outsider(Map<String, Object> claims) {
        outsiderClaims = claims;
        return this;
    }

    /** Claims of a caller of the resources' own area. */
    public AreaMatrix insider(Map<String, Object> claims) {
        insiderClaims = claims;
        return this;
    }

    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Set<String> endpoints = OpenApiOperations.documented();
        for (String endpoint : endpoints) {
            if (ignored.contains(endpoint)) {
                continue;
            }
            Set<String> allowed = roles.get(endpoint);
            if (allowed == null) {
                problems.add(endpoint + ": no roles declared for the area matrix");
                continue;
            }
            String[] parts = endpoint.split(" ", 2);
            String method = parts[0];
            String path = fill(parts[1]);
            if (path.contains("{")) {
                problems.add(endpoint + ": no resource of another area declared for " + parts[1]);
                continue;
            }
            boolean named = !path.equals(parts[1]);
            boolean single = named || !method.equals("GET") && bodies.containsKey(endpoint);
            for (String role : allowed) {
                Response outsider = call(token(role, outsiderClaims), method, path, endpoint);
                int status = outsider.statusCode();
                String body = outsider.asString();
                String as = endpoint + " as " + role + " of another area";
                if (single && status != 403 && status != 404) {
                    problems.add(as + " answered " + status + ", expected 403 or 404: " + cut(body));
                } else if (!single && status >= 500) {
                    problems.add(as + " answered " + status);
                }
                // A refusal may repeat what the caller asked for; anything else of the other area is a leak.
                String asked = path + queries.getOrDefault(endpoint, "") + bodies.getOrDefault(endpoint, "");
                markers.stream().filter(m -> body.contains(m) && !asked.contains(m))
                        .forEach(m -> problems.add(as + " saw the other area's " + m));
                if (named && method.equals("GET")) {
                    int own = call(token(role, insiderClaims), method, path, endpoint).statusCode();
                    if (own != 200) {
                        problems.add(endpoint + " as " + role + " of the resource's own area answered " + own
                                + ", expected 200 (is the fixture real?)");
                    }
                }
            }
        }
        return problems;
    }

    private String fill(String template) {
        String path = template;
        for (var e : paths.entrySet()) {
            if (path.startsWith(e.getKey())) {
                path = e.getValue() + path.substring(e.getKey().length());
            }
        }
        return path;
    }

    private static String token(String role, Map<String, Object> claims) {
        TestTokens t = TestTokens.user("area-" + role, role);
        claims.forEach(t::claim);
        return t.sign();
    }

    private Response call(String token, String method, String path, String endpoint) {
        RequestSpecification r = given().auth().oauth2(token).contentType("application/json");
        String query = queries.get(endpoint);
        String url = query == null ? path : path + "?" + query;
        if (!method.equals("GET") && !method.equals("DELETE")) {
            r = r.body(bodies.getOrDefault(endpoint, "{}"));
        }
        return r.request(method, url);
    }

    private static String cut(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
