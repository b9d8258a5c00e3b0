package vn.hotline1022.intake.sms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.intake.IntakeConfig;

/**
 * The SMS gateway's webhook: a text to the hotline's number, posted in Twilio's format (form fields {@code MessageSid},
 * {@code From}, {@code To}, {@code Body}…, signed in {@code X-Twilio-Signature}), answered in TwiML with the text
 * sent back to the sender. No sign-in: the signature with the gateway's auth token is the authentication, and
 * without a configured token the webhook does not exist.
 */
@Path("/webhooks/sms")
@Tag(name = "Inbound SMS")
@PermitAll
public class InboundTextResource {

    private static final java.util.regex.Pattern MESSAGE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9]{10,64}");
    private static final int MAX_BODY = 1600; // ten concatenated parts

    @Inject
    InboundTexts texts;

    @Inject
    IntakeConfig config;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "A text to 1022 (Twilio's webhook format): a keyword text opens or joins a case and the reply"
            + " carries its code; any other text is answered with the syntax; the same MessageSid again gets the"
            + " same reply; 403 for a wrong signature")
    public String receive(MultivaluedMap<String, String> form,
            @HeaderParam("X-Twilio-Signature") String signature) {
        String token = config.sms().authToken().filter(t -> !t.isBlank())
                .orElseThrow(() -> ProblemException.notFound("inbound SMS (not configured)"));
        Map<String, String> fields = new LinkedHashMap<>();
        form.forEach((name, values) -> fields.put(name, values.isEmpty() ? "" : values.get(0)));
        String url = config.sms().webhookUrl().orElse(uri.getRequestUri().toString());
        if (!TwilioSignature.matches(token, url, fields, signature)) {
            throw new ProblemException(403, "Wrong signature",
                    "X-Twilio-Signature does not match this URL and body for the gateway's auth token", List.of());
        }
        String messageId = fields.get("MessageSid");
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw ProblemException.invalidField("MessageSid", "must be the gateway's message id (10–64 letters/digits)");
        }
        String from = fields.get("From");
        if (from == null || from.isBlank() || from.length() > 32) {
            throw ProblemException.invalidField("From", "must be the sender's phone number");
        }
        String body = fields.getOrDefault("Body", "");
        return TwiML.message(texts.receive(InboundTexts.TWILIO_SMS, messageId, from,
                body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body));
    }
}
