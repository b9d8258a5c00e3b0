package vn.hotline1022.intake.tracking;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.commons.web.RateLimited;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.intake.CaseReopened;
import vn.hotline1022.events.intake.CaseResolved;
import vn.hotline1022.intake.audit.AuditTrail;
import vn.hotline1022.intake.callers.PhoneNumbers;
import vn.hotline1022.intake.callers.VietnamesePhone;
import vn.hotline1022.intake.cases.CaseStatus;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.TimelineEntry;
import vn.hotline1022.messaging.outbox.Outbox;

/**
 * The citizen's own view of a case (tra cứu hồ sơ), by the code they were told and the phone they called from. No
 * sign-in, rate limited; a wrong phone gets the same 404 as an unknown code, so codes cannot be probed. Shows no
 * personal data: status and the latest step only.
 */
@Path("/api/v1/public/cases")
@Tag(name = "Citizen tracking")
public class PublicCaseResource {

    private static final Logger LOG = Logger.getLogger(PublicCaseResource.class);
    private static final String CODE = "[A-Z]{1,4}-\\d{8}-\\d{4,}";

    public record PublicCase(String code, String status, Instant openedAt, Instant lastStepAt, String lastStep) {
    }

    public record Confirmation(@NotBlank @VietnamesePhone String phone, @NotNull Boolean helped) {
    }

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    EntityManager em;

    @GET
    @Path("/{code}")
    @PermitAll
    @RateLimited
    @Operation(summary = "Where my case stands: status and the latest step; 404 unless the phone is the caller's")
    public PublicCase track(@PathParam("code") @Pattern(regexp = CODE, message = "must look like BD-20210817-0042")
            String code, @QueryParam("phone") @NotBlank @VietnamesePhone String phone) {
        HotlineCase c = find(code, phone);
        audit.recordAs(AuditTrail.CITIZEN, AuditTrail.Action.CASE_READ_BY_CITIZEN, c.id, c.code, null);
        return view(c);
    }

    @POST
    @Path("/{code}/confirmation")
    @PermitAll
    @RateLimited
    @Transactional
    @Operation(summary = "The citizen says whether help arrived: yes resolves the case (CaseResolved); no puts it back"
            + " in progress (CaseReopened) and counts as a missed deadline, so it is escalated")
    public PublicCase confirm(@PathParam("code") @Pattern(regexp = CODE, message = "must look like BD-20210817-0042")
            String code, @Valid @NotNull Confirmation confirmation) {
        String phone = PhoneNumbers.normalise(confirmation.phone()).orElseThrow();
        // The same lock as a call from this phone: a call cannot attach to the case while it is being closed.
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(hashtext(?1))").setParameter(1, phone)
                .getSingleResult();
        HotlineCase c = find(code, confirmation.phone());
        Instant now = Instant.now();
        if (confirmation.helped()) {
            if (c.status == CaseStatus.RESOLVED) {
                return view(c);
            }
            c.status = CaseStatus.RESOLVED;
            c.resolvedAt = now;
            c.updatedAt = now;
            var eventId = outbox.publish(new CaseResolved(c.id, c.code, now, "CITIZEN",
                    "the citizen confirmed that help arrived"));
            TimelineEntry.own(eventId, c.id, EventType.CASE_RESOLVED, now, "The caller confirmed that help arrived");
            audit.recordAs(AuditTrail.CITIZEN, AuditTrail.Action.CASE_RESOLVED_BY_CITIZEN, c.id, c.code, null);
            LOG.infof("Case %s resolved by the citizen", c.code);
        } else {
            // A resolved case goes back in progress; an unresolved one keeps its status. Either way it now counts as
            // a missed deadline, and the SLA clock escalates it.
            if (c.status == CaseStatus.RESOLVED) {
                c.status = CaseStatus.IN_PROGRESS;
            }
            c.resolvedAt = null;
            c.reopenCount++;
            c.updatedAt = now;
            var eventId = outbox.publish(new CaseReopened(c.id, c.code, now,
                    "the citizen says help has not arrived"));
            TimelineEntry.own(eventId, c.id, EventType.CASE_REOPENED, now,
                    "The caller says help has not arrived; the case counts as overdue");
            audit.recordAs(AuditTrail.CITIZEN, AuditTrail.Action.CASE_REOPENED_BY_CITIZEN, c.id, c.code, null);
            LOG.infof("Case %s reopened by the citizen (%d)", c.code, c.reopenCount);
        }
        return view(c);
    }

    private static HotlineCase find(String code, String phone) {
        String normalised = PhoneNumbers.normalise(phone).orElse("");
        return HotlineCase.byCode(code).filter(c -> c.callerPhone.equals(normalised))
                .orElseThrow(() -> ProblemException.notFound("Case " + code + " for this phone"));
    }

    private static PublicCase view(HotlineCase c) {
        List<TimelineEntry> steps = TimelineEntry.of(c.id);
        TimelineEntry last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        return new PublicCase(c.code, c.status.name(), c.openedAt, last == null ? null : last.occurredAt,
                last == null ? null : last.summary);
    }
}
