package vn.hotline1022.intake.calls;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.intake.audit.AuditTrail;
import vn.hotline1022.intake.cases.CaseStatus;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.TimelineEntry;
import vn.hotline1022.intake.cases.Triage;
import vn.hotline1022.intake.geography.AdminUnits;
import vn.hotline1022.messaging.outbox.Outbox;

/** Turns a call into a case: one transaction writes the case, its first timeline entry and CallReceived. */
@ApplicationScoped
public class CallTaker {

    private static final Logger LOG = Logger.getLogger(CallTaker.class);
    /** Case codes carry the local date in Vietnam, where agents read them out. */
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(VIETNAM);

    public record Taken(HotlineCase hotlineCase, boolean created) {
    }

    @Inject
    AdminUnits units;

    @Inject
    Triage triage;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Transactional
    public Taken take(NewCall call, String agent) {
        UUID callId = call.callId() == null ? UUID.randomUUID() : call.callId();
        var existing = HotlineCase.byFirstCall(callId);
        if (existing.isPresent()) {
            return new Taken(existing.get(), false);
        }
        AdminUnits.Ward ward = units.ward(call.location().wardCode())
                .orElseThrow(() -> ProblemException.invalidField("location.wardCode", "no ward has this code"));
        AdminUnits.Province province = units.province(ward.provinceCode()).orElseThrow();
        Set<Vulnerability> vulnerabilities = call.vulnerabilities() == null || call.vulnerabilities().isEmpty()
                ? EnumSet.noneOf(Vulnerability.class)
                : EnumSet.copyOf(call.vulnerabilities());
        int householdSize = call.householdSize() == null ? 1 : call.householdSize();
        Instant now = Instant.now();

        HotlineCase c = new HotlineCase();
        c.id = UUID.randomUUID();
        c.code = nextCode(province, now);
        c.firstCallId = callId;
        c.status = CaseStatus.OPEN;
        c.priority = triage.priority(call.needs(), vulnerabilities, householdSize);
        c.needs = call.needs().stream().distinct().map(Enum::name).toList();
        c.channel = call.channel().name();
        c.provinceCode = ward.provinceCode();
        c.districtCode = ward.districtCode();
        c.wardCode = ward.code();
        c.addressText = call.location().addressText();
        c.latitude = call.location().latitude();
        c.longitude = call.location().longitude();
        c.householdSize = householdSize;
        c.vulnerabilities = vulnerabilities.stream().map(Enum::name).toList();
        c.notes = call.notes();
        // The signed-in agent, not what the body claims; the body's agentId is kept only when no one is signed in.
        c.agentId = agent != null ? agent : call.agentId();
        c.callerName = call.caller().name();
        c.callerPhone = call.caller().phone().replaceAll("[ .-]", "");
        c.openedAt = now;
        c.updatedAt = now;
        c.persist();

        CallReceived event = new CallReceived(c.id, c.code, now, callId, call.channel(),
                new Caller(c.callerName, c.callerPhone),
                new Location(c.provinceCode, c.districtCode, c.wardCode, c.addressText, c.latitude, c.longitude),
                call.needs().stream().distinct().toList(), householdSize, vulnerabilities, c.priority, c.notes,
                c.agentId);
        UUID eventId = outbox.publish(event);

        TimelineEntry first = new TimelineEntry();
        first.eventId = eventId;
        first.caseId = c.id;
        first.eventType = EventType.CALL_RECEIVED.eventName();
        first.source = EventType.CALL_RECEIVED.service().serviceName();
        first.occurredAt = now;
        first.summary = "Call received in " + ward.fullName() + "; needs " + String.join(", ", c.needs)
                + "; priority " + c.priority;
        first.recordedAt = now;
        first.persist();
        audit.record(AuditTrail.Action.CASE_OPENED, c.id, c.code, "channel " + c.channel);
        LOG.infof("Case %s opened: needs %s, priority %d, ward %s", c.code, c.needs, c.priority, c.wardCode);
        return new Taken(c, true);
    }

    /** e.g. BD-20210817-00042: province, local date, then a number unique across the service. */
    private String nextCode(AdminUnits.Province province, Instant now) {
        long n = ((Number) em.createNativeQuery("select nextval('case_number_seq')").getSingleResult()).longValue();
        return "%s-%s-%05d".formatted(province.shortCode(), DAY.format(now), n);
    }
}
