package vn.hotline1022.testkit;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Real RS256-signed access tokens for tests, shaped like the tokens of the hotline1022 Keycloak realm: roles in
 * {@code groups}, audience {@code hotline1022-api}, and the tenant claims ({@code hospital_code}, {@code team_code},
 * {@code province_codes}, {@code district_codes}, {@code ward_codes}). The services verify them with the public key
 * that {@link OidcResource} configures, so the signature, issuer, audience and expiry checks are the production ones.
 */
public final class TestTokens {

    public static final String ISSUER = "https://identity.test.hotline1022.vn/realms/hotline1022";
    public static final String AUDIENCE = "hotline1022-api";

    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String issuer = ISSUER;
    private Object audience = AUDIENCE;
    private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(15));
    private KeyPair signer = KEYS;

    private TestTokens(String username, List<String> roles) {
        claims.put("preferred_username", username);
        claims.put("groups", roles);
    }

    /** A token for {@code username} holding {@code roles}. */
    public static TestTokens user(String username, String... roles) {
        return new TestTokens(username, List.of(roles));
    }

    /**
     * A ward or district official (role {@code official}) of {@code wardCodes} and {@code districtCodes}; a list left
     * empty is not put in the token at all, as Keycloak does for an unset attribute.
     */
    public static TestTokens official(String username, List<String> districtCodes, List<String> wardCodes) {
        TestTokens t = user(username, "official");
        if (!districtCodes.isEmpty()) {
            t.claim("district_codes", districtCodes);
        }
        if (!wardCodes.isEmpty()) {
            t.claim("ward_codes", wardCodes);
        }
        return t;
    }

    /** The Base64 X.509 public key the services are configured with. */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public TestTokens claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public TestTokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    public TestTokens expired() {
        this.expiresAt = Instant.now().minus(Duration.ofMinutes(10));
        return this;
    }

    /** A token that is valid now and expires after {@code lifetime} (e.g. to see a live stream end with it). */
    public TestTokens expiresIn(Duration lifetime) {
        this.expiresAt = Instant.now().plus(lifetime);
        return this;
    }

    /** Signed with a key the services do not trust. */
    public TestTokens signedByStranger() {
        this.signer = OTHER_KEYS;
        return this;
    }

    public String sign() {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setSubject(UUID.nameUUIDFromBytes(String.valueOf(claims.get("preferred_username")).getBytes()).toString());
        if (audience instanceof String a) {
            c.setAudience(a);
        }
        c.setIssuedAt(NumericDate.fromSeconds(expiresAt.getEpochSecond() - 900));
        c.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        c.setGeneratedJwtId();
        claims.forEach(c::setClaim);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setKey(signer.getPrivate());
        jws.setKeyIdHeaderValue("test-key");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token with one character of its payload changed: the signature no longer matches. */
    public String signTampered() {
        String[] parts = sign().split("\\.");
        char[] payload = parts[1].toCharArray();
        int i = payload.length / 2;
        payload[i] = payload[i] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
