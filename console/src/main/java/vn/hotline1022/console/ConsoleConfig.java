package vn.hotline1022.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the console's browser app finds the identity provider and the APIs; defaults are the local stack's. */
@ConfigMapping(prefix = "hotline.console")
public interface ConsoleConfig {

    /** The realm's issuer URL, as in the services' tokens (Keycloak). */
    @WithDefault("http://localhost:8180/realms/hotline1022")
    String issuer();

    /** The public OIDC client the browser app signs in with (authorization code + PKCE; no secret). */
    @WithDefault("hotline1022-console")
    String clientId();

    /** intake-service's base URL as the browser reaches it (calls, cases, the work queue). */
    @WithDefault("http://localhost:8081")
    String intakeUrl();

    /** referral-service's base URL as the browser reaches it (the hospitals' page). */
    @WithDefault("http://localhost:8083")
    String referralUrl();

    /** ops-service's base URL as the browser reaches it (the operators' page: flow, lag, dead letters, traces). */
    @WithDefault("http://localhost:8086")
    String opsUrl();

    /** dispatch-service's base URL as the browser reaches it (the dispatchers' board, the team's job app, the zone map). */
    @WithDefault("http://localhost:8082")
    String dispatchUrl();

    /** relief-service's base URL as the browser reaches it (the relief officers' run sheets, stock and waiting list). */
    @WithDefault("http://localhost:8084")
    String reliefUrl();

    /**
     * An optional tile server for the zone map's background ({z}/{x}/{y} template), for deployments that have one;
     * without it the map draws only the district outlines. Its origin must also be allowed by the page's CSP.
     */
    java.util.Optional<String> mapTileUrl();
}
