package vn.hotline1022.intake.zalo;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Zalo Official Account's webhook: a citizen's message to the hotline's OA ({@code user_send_text}), signed in
 * {@code X-ZEvent-Signature}. The body is read as sent, since the signature covers its exact bytes. No sign-in: the
 * MAC with the OA's secret key is the authentication, and without a configured key the webhook does not exist.
 */
@Path("/webhooks/zalo")
@Tag(name = "Inbound Zalo")
@PermitAll
public class ZaloWebhookResource {

    @Inject
    ZaloMessages messages;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A Zalo OA event: a text message opens or joins a case (keyword syntax with a phone) or waits"
            + " for a callback (free text with a phone); the answer, with the case code, goes back as an OA message;"
            + " the same msg_id again acts once; other events are acknowledged and ignored; 403 for a wrong MAC,"
            + " another app or a stale event")
    public Map<String, Object> receive(String body, @HeaderParam("X-ZEvent-Signature") String signature) {
        return Map.of("received", messages.receive(body, signature));
    }
}
