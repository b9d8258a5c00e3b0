package vn.hotline1022.notification.templates;

import java.util.Arrays;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.TemplateException;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.EventType;
import vn.hotline1022.notification.notices.NoticeRules;
import vn.hotline1022.notification.notices.NoticeRules.Recipient;
import vn.hotline1022.notification.notices.NoticeTexts;

/** Lets ops read a notice before it goes out: the real template, rendered with sample values or their own. */
@Path("/api/v1/templates")
@Tag(name = "Templates")
public class TemplateResource {

    public record Preview(String eventName, String recipient, String language, String text) {
    }

    @Inject
    NoticeTexts texts;

    /**
     * @param values template values (e.g. {@code {"caseCode": "BD-20210817-0042", "teamName": "Tổ PƯN Lái Thiêu"}});
     *               what is not given takes a sample value
     */
    @POST
    @Path("/{eventName}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    public Preview preview(@PathParam("eventName") String eventName,
            @QueryParam("language") @DefaultValue("vi") @Pattern(regexp = "vi|en", message = "must be vi or en") String language,
            @QueryParam("recipient") @DefaultValue("CITIZEN") @Pattern(regexp = "CITIZEN|OFFICIAL|OPS|HOSPITAL|TEAM",
                    message = "must be CITIZEN, OFFICIAL, OPS, HOSPITAL or TEAM") String recipient,
            Map<String, Object> values) {
        EventType type = Arrays.stream(EventType.values()).filter(t -> t.eventName().equals(eventName)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No event named " + eventName));
        Recipient to = Recipient.valueOf(recipient);
        if (NoticeRules.forType(type).isEmpty() || !texts.exists(type, to)) {
            throw ProblemException.notFound("No " + to + " notice for " + eventName);
        }
        try {
            return new Preview(eventName, to.name(), language,
                    texts.render(type, to, language, NoticeRules.sampleValues(values)));
        } catch (TemplateException e) {
            // A value of the wrong shape (e.g. a list where text is expected): the caller's input, not our fault.
            throw ProblemException.invalidField("values", "cannot render the template with these values");
        }
    }
}
