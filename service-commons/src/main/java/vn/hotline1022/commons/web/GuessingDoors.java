package vn.hotline1022.commons.web;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpServerRequest;

/**
 * The public doors that take a case code with a phone share one {@link GuessBudget}: per phone and per client
 * address (an IPv6 client by its /64, see {@link ClientAddress#bucket(String)}), with the same answer whatever the
 * guess. A refusal is the seconds to wait, which the resource answers as 429 with Retry-After.
 */
@ApplicationScoped
public class GuessingDoors {

    @ConfigMapping(prefix = "hotline.guess-budget")
    public interface Settings {
        /** Attempts one phone gets per window before each must wait longer (1 s, 2 s, 4 s...). */
        @WithDefault("3")
        int phoneFree();

        /** Then refused until the window ends. */
        @WithDefault("10")
        int phoneMax();

        @WithDefault("PT1H")
        Duration phoneWindow();

        /** A client (an address, or an IPv6 /64) tries many phones: more room, the same shape. */
        @WithDefault("10")
        int clientFree();

        @WithDefault("40")
        int clientMax();

        @WithDefault("PT1H")
        Duration clientWindow();
    }

    @Inject
    Settings settings;

    @Inject
    PublicRateLimit rateLimit;

    private volatile GuessBudget budget;

    /**
     * Counts an attempt at {@code door} (e.g. "opt-out") by this phone from this request's client.
     *
     * @return empty when admitted; else the seconds the phone or the client must wait (the edge answers 429)
     */
    public OptionalLong spend(String door, String canonicalPhone, HttpServerRequest request) {
        return budget().spend(door, canonicalPhone, ClientAddress.bucket(rateLimit.client(request)));
    }

    private GuessBudget budget() {
        GuessBudget b = budget;
        if (b == null) {
            synchronized (this) {
                if (budget == null) {
                    budget = new GuessBudget(
                            new GuessBudget.Allowance(settings.phoneFree(), settings.phoneMax(), settings.phoneWindow()),
                            new GuessBudget.Allowance(settings.clientFree(), settings.clientMax(),
                                    settings.clientWindow()),
                            Clock.systemUTC());
                }
                b = budget;
            }
        }
        return b;
    }

    /** Every phone and client starts afresh (tests; an operator after a false alarm). */
    public synchronized void forgetAll() {
        budget = null;
    }
}
