package vn.hotline1022.testkit;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.restassured.specification.RequestSpecification;

/**
 * Checks every REST endpoint of a service against a declared rule: which roles may call it. The endpoints are read
 * from the service's own OpenAPI document, so an endpoint added without a rule here fails the build.
 *
 * <p>For each endpoint: no token → 401 (unless public); a token of each role → 403 when the role is not allowed, and
 * anything but 401/403 when it is (the call may still be refused as bad input or not found: only access is
 * checked).
 */
public final class AccessMatrix {

    /** Every role of the realm; kept in step with {@code vn.hotline1022.commons.security.Roles}. */
    public static final List<String> ROLES = List.of("call-agent", "dispatcher", "team-member", "hospital-staff",
            "relief-officer", "official", "ops", "admin");

    private static final Set<String> PUBLIC = Set.of("PUBLIC");
    private final Map<String, Set<String>> rules = new LinkedHashMap<>();
    private final Map<String, Object> tenantClaims = new LinkedHashMap<>();

    public static AccessMatrix forService() {
        return new AccessMatrix();
    }

    /** {@code "POST /api/v1/calls"} may be called by {@code roles}. */
    public AccessMatrix allow(String endpoint, String... roles) {
        rules.put(endpoint, new TreeSet<>(List.of(roles)));
        return this;
    }

    /** Open to anyone, without a token. */
    public AccessMatrix open(String endpoint) {
        rules.put(endpoint, PUBLIC);
        return this;
    }

    /** Claims every test token carries (e.g. the hospital code of hospital staff). */
    public AccessMatrix withClaim(String name, Object value) {
        tenantClaims.put(name, value);
        return this;
    }

    /** Runs the matrix against the application under test; returns the list of violations (empty when all hold). */
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Set<String> documented = OpenApiOperations.documented();
        for (String endpoint : documented) {
            if (!rules.containsKey(endpoint)) {
                problems.add(endpoint + ": no access rule declared in the test");
            }
        }
        for (String endpoint : rules.keySet()) {
            if (!documented.contains(endpoint)) {
                problems.add(endpoint + ": declared in the test but not served");
            }
        }
        for (var rule : rules.entrySet()) {
            if (!documented.contains(rule.getKey())) {
                continue;
            }
            String[] parts = rule.getKey().split(" ", 2);
            String method = parts[0];
            String path = parts[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            int anonymous = call(given().auth().none(), method, path);
            if (rule.getValue() == PUBLIC) {
                if (anonymous == 401 || anonymous == 403) {
                    problems.add(rule.getKey() + " is public but answered " + anonymous + " without a token");
                }
                continue;
            }
            if (anonymous != 401) {
                problems.add(rule.getKey() + " without a token answered " + anonymous + ", expected 401");
            }
            for (String role : ROLES) {
                TestTokens token = TestTokens.user("matrix-" + role, role);
                tenantClaims.forEach(token::claim);
                int status = call(given().auth().oauth2(token.sign()), method, path);
                boolean allowed = rule.getValue().contains(role);
                if (allowed && (status == 401 || status == 403)) {
                    problems.add(rule.getKey() + " as " + role + " answered " + status + ", expected access");
                } else if (!allowed && status != 403) {
                    problems.add(rule.getKey() + " as " + role + " answered " + status + ", expected 403");
                }
            }
        }
        return problems;
    }

    /**
     * Tokens that must all be refused with 401 on {@code endpoint} although their role is allowed there: wrong issuer,
     * wrong audience, expired, tampered, signed by an unknown key.
     */
    public static List<String> badTokenViolations(String endpoint, String role) {
        return badTokenViolations(endpoint, role, Map.of());
    }

    /** As above, with the tenant claims the role needs to be let in at all (e.g. {@code province_codes}). */
    public static List<String> badTokenViolations(String endpoint, String role, Map<String, Object> claims) {
        String[] parts = endpoint.split(" ", 2);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("wrong issuer", TestTokens.user("bad", role).issuer("https://evil.example/realms/hotline1022").sign());
        bad.put("wrong audience", TestTokens.user("bad", role).audience("some-other-api").sign());
        bad.put("expired", TestTokens.user("bad", role).expired().sign());
        bad.put("tampered", TestTokens.user("bad", role).signTampered());
        bad.put("unknown signing key", TestTokens.user("bad", role).signedByStranger().sign());
        bad.put("not a JWT", "not-a-token");
        List<String> problems = new ArrayList<>();
        TestTokens goodToken = TestTokens.user("good", role);
        claims.forEach(goodToken::claim);
        String good = goodToken.sign();
        int ok = call(given().auth().oauth2(good), parts[0], parts[1]);
        if (ok == 401 || ok == 403) {
            problems.add(endpoint + " refused a valid " + role + " token (" + ok + "): the check proves nothing");
        }
        bad.forEach((what, token) -> {
            int status = call(given().auth().oauth2(token), parts[0], parts[1]);
            if (status != 401) {
                problems.add(endpoint + " with a token with " + what + " answered " + status + ", expected 401");
            }
        });
        return problems;
    }

    private static int call(RequestSpecification request, String method, String path) {
        RequestSpecification r = request.contentType("application/json");
        if (!method.equals("GET") && !method.equals("DELETE")) {
            r = r.body("{}");
        }
        return r.request(method, path).statusCode();
    }
}
