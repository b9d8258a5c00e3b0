package vn.hotline1022.commons.security;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Multi;

/**
 * A live stream (server-sent events) is authorised once, when it opens; it must not outlive the token that opened it.
 * It ends when the token expires, and the client opens it again with a fresh token, which is checked afresh: a
 * revoked session cannot refresh, so its streams end within one token lifetime.
 */
public final class TokenLifetime {

    private TokenLifetime() {
    }

    /** The time left on {@code token}; zero when it has no expiry or has expired. */
    public static Duration left(JsonWebToken token, Instant now) {
        long exp = token.getExpirationTime();
        return exp <= 0 ? Duration.ZERO : Duration.between(now, Instant.ofEpochSecond(exp)).isNegative()
                ? Duration.ZERO : Duration.between(now, Instant.ofEpochSecond(exp));
    }

    /** {@code stream}, completed when {@code token} expires. */
    public static <T> Multi<T> bounded(Multi<T> stream, JsonWebToken token) {
        Duration left = left(token, Instant.now());
        return left.isZero() ? Multi.createFrom().empty() : stream.select().first(left);
    }
}
