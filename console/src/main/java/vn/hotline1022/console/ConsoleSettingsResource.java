package vn.hotline1022.console;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/**
 * The browser app's settings, read at start: one build of the app serves every deployment. Open: it holds addresses
 * and a public client id, nothing secret (the app itself signs in before it calls any API).
 */
@Path("/settings.json")
public class ConsoleSettingsResource {

    public record Settings(String issuer, String clientId, String intakeUrl, String referralUrl, String opsUrl,
            String dispatchUrl, String mapTileUrl, String reliefUrl) {
    }

    @Inject
    ConsoleConfig config;

    @GET
    @PermitAll
    public Response settings() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new Settings(config.issuer(), config.clientId(), config.intakeUrl(),
                config.referralUrl(), config.opsUrl(), config.dispatchUrl(),
                config.mapTileUrl().orElse(null), config.reliefUrl()))
                .cacheControl(noStore).build();
    }
}
