package vn.hotline1022.intake.calls;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.intake.cases.CaseCodes;
import vn.hotline1022.commons.security.Scope;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.events.intake.RepeatCallLinked;
import vn.hotline1022.intake.audit.AuditTrail;
import vn.hotline1022.text.HouseholdAddress;
import vn.hotline1022.text.PhoneNumbers;
import vn.hotline1022.intake.cases.CaseCall;
import vn.hotline1022.intake.cases.CaseLifecycle;
import vn.hotline1022.intake.cases.CloseReason;
import vn.hotline1022.intake.cases.CaseStatus;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.LinkedBy;
import vn.hotline1022.intake.cases.Summary;
import vn.hotline1022.intake.cases.Triage;
import vn.hotline1022.intake.geography.AdminUnits;
import vn.hotline1022.text.SearchText;
import vn.hotline1022.intake.sla.SlaPolicy;
import vn.hotline1022.intake.timeline.VietnameseWords;
import vn.hotline1022.intake.zones.ZoneStatus;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;

/**
 * Turns a call into a case, or attaches it to the caller's open case: one transaction writes the case, its timeline
 * entry and CallReceived (or RepeatCallLinked). Never a second open case for one phone, nor for one household (same
 * ward, same specific address — {@link HouseholdAddress}).
 */
@ApplicationScoped
public class CallTaker {

    private static final Logger LOG = Logger.getLogger(CallTaker.class);

    /**
     * @param created  a new case was opened (201)
     * @param linkedBy why the call was attached to an open case; null when it opened one
     */
    public record Taken(HotlineCase hotlineCase, boolean created, LinkedBy linkedBy) {
    }

    @Inject
    CaseLifecycle lifecycle;

    @Inject
    AdvisoryLocks locks;

    @Inject
    AdminUnits units;

    @Inject
    Triage triage;

    @Inject
    SlaPolicy sla;

    @Inject
    CaseCodes codes;

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Transactional
    public Taken take(NewCall call, String agent) {
        return take(call, agent, null);
    }

    /**
     * A request whose phone is only claimed, not proved (a Zalo message naming a number, a partner app's form): it may
     * open a new case, never join one — joining would tell a stranger another person's case code, which is all the
     * public tracking asks besides the phone. Empty when the phone or the household has an open case: nothing is
     * written, and the caller turns the request into a callback, which an agent answers by calling that phone.
     */
    @Transactional
    public Optional<Taken> takeNewOnly(NewCall call, String agent) {
        String phone = PhoneNumbers.normalise(call.caller().phone())
                .orElseThrow(() -> ProblemException.invalidField("caller.phone", "must be a Vietnamese phone number"));
        AdminUnits.Ward ward = units.ward(call.location().wardCode())
                .orElseThrow(() -> ProblemException.invalidField("location.wardCode", "no ward has this code"));
        Optional<String> household = HouseholdAddress.key(call.location().addressText());
        locks.lock(LockSpace.CALLER_PHONE, phone); // the same order as take(): phone, then household
        household.ifPresent(key -> locks.lock(LockSpace.HOUSEHOLD_ADDRESS, ward.code() + ":" + key));
        boolean wouldJoin = HotlineCase.openByPhone(phone).isPresent() || household
                .flatMap(key -> HotlineCase.openByHousehold(ward.code(), key)).isPresent();
        return wouldJoin ? Optional.empty() : Optional.of(take(call, agent, null));
    }

    /**
     * @param reservedCode the code a new case gets, when the citizen was already told one (a callback's); null for
     *                     the next number of the ward's province
     */
    @Transactional
    public Taken take(NewCall call, String agent, String reservedCode) {
        return take(call, agent, reservedCode, Scope.everywhere());
    }

    /**
     * An agent's call, inside the agent's area: a ward outside it is refused (403), and the caller's or the household's
     * open case elsewhere is neither joined nor shown — the call opens a case here, so nothing of another area's case
     * reaches this desk.
     */
    @Transactional
    public Taken takeAt(NewCall call, String agent, Scope area) {
        return take(call, agent, null, area);
    }

    /** As {@link #takeAt(NewCall, String, Scope)}, a new case getting the code the citizen was already told. */
    @Transactional
    public Taken takeAt(NewCall call, String agent, String reservedCode, Scope area) {
        return take(call, agent, reservedCode, area);
    }

    private Taken take(NewCall call, String agent, String reservedCode, Scope area) {
        String phone = PhoneNumbers.normalise(call.caller().phone())
                .orElseThrow(() -> ProblemException.invalidField("caller.phone", "must be a Vietnamese phone number"));
        AdminUnits.Ward ward = units.ward(call.location().wardCode())
                .orElseThrow(() -> ProblemException.invalidField("location.wardCode", "no ward has this code"));
        if (!area.covers(ward.provinceCode(), ward.districtCode())) {
            throw ProblemException.forbidden("Phường/xã này ngoài địa bàn của bạn: chuyển cuộc gọi tới tổng đài nơi đó");
        }
        Optional<String> household = HouseholdAddress.key(call.location().addressText());
        // The phone first: calls from one phone are handled one after another, on every instance. Then, when the
        // address is specific, the household: always after the phone, so a transaction never waits for a phone while
        // holding an address, and two calls sharing one of the two never deadlock.
        locks.lock(LockSpace.CALLER_PHONE, phone);
        household.ifPresent(key -> locks.lock(LockSpace.HOUSEHOLD_ADDRESS, ward.code() + ":" + key));

        UUID callId = call.callId() == null ? UUID.randomUUID() : call.callId();
        var known = CaseCall.byId(callId);
        if (known.isPresent()) { // the console retried after a timeout
            HotlineCase c = HotlineCase.findById(known.get().caseId);
            if (!area.covers(c.provinceCode, c.districtCode)) {
                throw ProblemException.conflict("This call id was already used");
            }
            LinkedBy linkedBy = callId.equals(c.firstCallId) ? null
                    : known.get().linkedBy == null ? LinkedBy.PHONE : known.get().linkedBy;
            return new Taken(c, false, linkedBy);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        // The phone first: a caller's own open case wins over a neighbour's at the same address.
        Taken taken = HotlineCase.openByPhone(phone).filter(c -> area.covers(c.provinceCode, c.districtCode))
                .map(c -> link(c, call, callId, LinkedBy.PHONE, now))
                .or(() -> household.flatMap(key -> HotlineCase.openByHousehold(ward.code(), key))
                        .filter(c -> area.covers(c.provinceCode, c.districtCode))
                        .map(c -> link(c, call, callId, LinkedBy.HOUSEHOLD_ADDRESS, now)))
                .orElseGet(() -> open(call, callId, phone, household.orElse(null), ward, agent, reservedCode, now));
        CaseCall record = new CaseCall();
        record.callId = callId;
        record.caseId = taken.hotlineCase().id;
        record.channel = call.channel().name();
        record.receivedAt = now;
        record.linkedBy = taken.linkedBy();
        record.persist();
        return taken;
    }

    private Taken open(NewCall call, UUID callId, String phone, String household, AdminUnits.Ward ward, String agent,
            String reservedCode, Instant now) {
        AdminUnits.Province province = units.province(ward.provinceCode()).orElseThrow();
        Set<Vulnerability> vulnerabilities = vulnerabilities(call);
        int householdSize = call.householdSize() == null ? 1 : call.householdSize();
        List<Need> needs = call.needs().stream().distinct().toList();
        if (Boolean.TRUE.equals(call.answeredOnCall()) && !needs.equals(List.of(Need.INFORMATION))) {
            throw ProblemException.invalidField("answeredOnCall",
                    "only a call that asked for information only can be answered on the phone");
        }

        HotlineCase c = new HotlineCase();
        c.id = UUID.randomUUID();
        c.code = reservedCode != null ? reservedCode : codes.next(province, now);
        c.firstCallId = callId;
        c.status = CaseStatus.OPEN;
        c.repeatCount = 1;
        Triage.Assessment assessment = triage.assess(needs, vulnerabilities, householdSize, 1, zoneOf(ward.code()));
        c.priority = assessment.priority();
        c.priorityReasons = assessment.reasons();
        c.needs = needs.stream().map(Enum::name).toList();
        c.channel = call.channel().name();
        c.provinceCode = ward.provinceCode();
        c.districtCode = ward.districtCode();
        c.wardCode = ward.code();
        c.addressText = call.location().addressText();
        c.householdKey = household;
        c.latitude = call.location().latitude();
        c.longitude = call.location().longitude();
        c.householdSize = householdSize;
        c.vulnerabilities = vulnerabilities.stream().map(Enum::name).toList();
        c.notes = call.notes();
        // The signed-in agent, not what the body claims; the body's agentId is kept only when no one is signed in.
        c.agentId = agent != null ? agent : call.agentId();
        c.callerName = call.caller().name();
        c.callerPhone = phone;
        c.searchText = searchText(c, ward);
        sla.apply(c, needs, now);
        c.openedAt = now;
        c.updatedAt = now;
        c.persist();

        CallReceived event = new CallReceived(c.id, c.code, now, callId, call.channel(),
                new Caller(c.callerName, c.callerPhone),
                new Location(c.provinceCode, c.districtCode, c.wardCode, c.addressText, c.latitude, c.longitude),
                needs, householdSize, vulnerabilities, c.priority, c.notes, c.agentId);
        boolean violationOnly = needs.equals(List.of(Need.VIOLATION_REPORT));
        lifecycle.record(c, event, new Summary("Nhận cuộc gọi tại " + ward.fullName() + "; nhu cầu: "
                + VietnameseWords.needs(c.needs) + "; mức ưu tiên " + c.priority
                + (violationOnly ? "; đã chuyển cán bộ quận/huyện xác minh" : ""),
                "Call received in " + ward.fullName() + "; needs " + String.join(", ", c.needs) + "; priority "
                        + c.priority + (violationOnly ? "; a violation report: sent to the district's officials"
                                + " to verify" : "")));
        lifecycle.openTracks(c, needs, Boolean.TRUE.equals(call.answeredOnCall()), now);
        if (Boolean.TRUE.equals(call.answeredOnCall())) {
            c.firstActionAt = now; // the answer is the help asked for
            lifecycle.resolve(c, now, c.agentId, CloseReason.ANSWERED_ON_CALL, "Answered on the phone",
                    new Summary("Tổng đài viên " + c.agentId + " đã trả lời qua điện thoại",
                            "Answered on the phone by " + c.agentId));
        } else if (violationOnly) {
            // Notification hands the report to the district's officials (CallReceived): that is its first action.
            c.firstActionAt = now;
            c.status = CaseStatus.IN_PROGRESS;
        }
        audit.record(AuditTrail.Action.CASE_OPENED, c.id, c.code, "channel " + c.channel);
        LOG.infof("Case %s opened: needs %s, priority %d, ward %s", c.code, c.needs, c.priority, c.wardCode);
        return new Taken(c, true, null);
    }

    /**
     * The same phone, or someone else from the same household, called again while the case is open: one case, more
     * weight, every need kept. The case keeps its first caller and address.
     */
    private Taken link(HotlineCase c, NewCall call, UUID callId, LinkedBy linkedBy, Instant now) {
        Set<String> before = Set.copyOf(c.needs);
        Set<String> needs = new LinkedHashSet<>(c.needs);
        call.needs().forEach(n -> needs.add(n.name()));
        Set<Vulnerability> vulnerabilities = EnumSet.noneOf(Vulnerability.class);
        c.vulnerabilities.forEach(v -> vulnerabilities.add(Vulnerability.valueOf(v)));
        vulnerabilities.addAll(vulnerabilities(call));
        if (call.householdSize() != null && call.householdSize() > c.householdSize) {
            c.householdSize = call.householdSize();
        }
        if (call.notes() != null && !call.notes().isBlank()) {
            c.notes = c.notes == null ? call.notes() : c.notes + "\n" + call.notes();
        }
        if (c.callerName == null && call.caller().name() != null) {
            c.callerName = call.caller().name();
        }
        c.repeatCount++;
        List<Need> needList = needs.stream().map(Need::valueOf).toList();
        Triage.Assessment assessment = triage.assess(needList, vulnerabilities, c.householdSize, c.repeatCount,
                zoneOf(c.wardCode), c.escalation());
        c.priority = Math.max(c.priority, assessment.priority());
        c.priorityReasons = assessment.reasons();
        c.needs = new ArrayList<>(needs);
        c.vulnerabilities = vulnerabilities.stream().map(Enum::name).toList();
        sla.apply(c, needList, now);
        lifecycle.needsCameBack(c, call.needs(), now);
        c.searchText = searchText(c, units.ward(c.wardCode).orElse(null));
        c.updatedAt = now;

        String rule = linkedBy == LinkedBy.PHONE ? "same phone" : "same household address, another phone";
        lifecycle.record(c, new RepeatCallLinked(c.id, c.code, now, callId, call.channel(), c.repeatCount,
                c.priority), new Summary("Gọi lại qua " + VietnameseWords.channel(call.channel()) + " (cuộc gọi thứ "
                        + c.repeatCount + ", " + VietnameseWords.linkedBy(linkedBy) + "); nhu cầu: "
                        + VietnameseWords.needs(c.needs) + "; mức ưu tiên " + c.priority,
                        "Called again by " + call.channel() + " (call " + c.repeatCount + ", " + rule + "); needs "
                                + String.join(", ", c.needs) + "; priority " + c.priority));
        List<Need> added = needList.stream().filter(n -> !before.contains(n.name())).toList();
        if (!added.isEmpty()) {
            // What the services act on: the new needs, as they would on a new case's.
            lifecycle.record(c, new CaseNeedsChanged(c.id, c.code, now, added, needList, new Location(c.provinceCode,
                    c.districtCode, c.wardCode, c.addressText, c.latitude, c.longitude), c.priority),
                    new Summary("Cuộc gọi lại thêm nhu cầu: " + VietnameseWords.needs(added),
                            "Needs added by the repeat call: " + added.stream().map(Enum::name)
                                    .collect(java.util.stream.Collectors.joining(", "))));
        }
        audit.record(AuditTrail.Action.REPEAT_CALL_LINKED, c.id, c.code, "call " + c.repeatCount + ", by " + linkedBy);
        LOG.infof("Call linked to open case %s by %s: call %d, priority %d", c.code, linkedBy, c.repeatCount,
                c.priority);
        return new Taken(c, false, linkedBy);
    }

    private static Set<Vulnerability> vulnerabilities(NewCall call) {
        return call.vulnerabilities() == null || call.vulnerabilities().isEmpty()
                ? EnumSet.noneOf(Vulnerability.class)
                : EnumSet.copyOf(call.vulnerabilities());
    }

    private static ZoneColour zoneOf(String wardCode) {
        return ZoneStatus.colourOf(wardCode).orElse(null);
    }

    private String searchText(HotlineCase c, AdminUnits.Ward ward) {
        String district = units.district(c.districtCode).map(AdminUnits.District::name).orElse(null);
        return SearchText.of(c.callerName, c.callerPhone, c.addressText, ward == null ? null : ward.fullName(),
                district);
    }
}
