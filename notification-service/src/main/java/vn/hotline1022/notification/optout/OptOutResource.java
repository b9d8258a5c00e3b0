package vn.hotline1022.notification.optout;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.RateLimited;
import vn.hotline1022.notification.contacts.CaseContact;
import vn.hotline1022.notification.notices.NoticeSender;

/**
 * A citizen stops the notices (từ chối nhận tin) by giving their number and one of their case codes. The answer is
 * the same whether or not they match, so the endpoint tells nobody which numbers called 1022.
 */
@Path("/api/v1/public/opt-out")
@Tag(name = "Citizens")
public class OptOutResource {

    private static final Logger LOG = Logger.getLogger(OptOutResource.class);

    public record OptOutRequest(
            @NotNull @Pattern(regexp = "\\+?\\d{9,15}", message = "must be a phone number, e.g. +84912345678") String phone,
            @NotBlank @Size(max = 40) String caseCode) {
        @Override
        public String toString() {
            return "OptOutRequest[" + caseCode + "]";
        }
    }

    @Inject
    EntityManager em;

    /** 202 always: accepted when the number is the one that called about this case, silently ignored otherwise. */
    @POST
    @PermitAll // citizens have no account; the case code proves the number is theirs
    @RateLimited
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response optOut(@Valid @NotNull OptOutRequest request) {
        String phone = normalise(request.phone());
        boolean theirs = CaseContact.count("caseCode = ?1 and phone = ?2", request.caseCode().strip(), phone) > 0;
        if (theirs) {
            em.createNativeQuery("insert into citizen_opt_out (phone_hash) values (?1) on conflict do nothing")
                    .setParameter(1, NoticeSender.phoneHash(phone)).executeUpdate();
            LOG.infof("Case %s: the citizen opted out of notices", request.caseCode());
        }
        return Response.accepted().build();
    }

    /** E.164 as intake stores it: {@code 0912345678} and {@code 84912345678} become {@code +84912345678}. */
    static String normalise(String phone) {
        String p = phone.strip();
        if (p.startsWith("+")) {
            return p;
        }
        if (p.startsWith("0")) {
            return "+84" + p.substring(1);
        }
        return "+" + p;
    }
}
