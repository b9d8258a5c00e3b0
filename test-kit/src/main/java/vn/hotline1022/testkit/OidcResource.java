package vn.hotline1022.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes the application under test verify bearer tokens with the {@link TestTokens} public key, locally: no identity
 * provider runs, but every token is a real signed JWT and the production checks (signature, issuer, audience,
 * expiry, roles) apply.
 */
public class OidcResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                // No provider to discover: an empty value unsets the service's default URL.
                "quarkus.oidc.auth-server-url", "",
                "quarkus.oidc.public-key", TestTokens.publicKey(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                "quarkus.oidc.token.audience", TestTokens.AUDIENCE);
    }

    @Override
    public void stop() {
    }
}
