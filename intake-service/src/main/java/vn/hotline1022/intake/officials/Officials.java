package vn.hotline1022.intake.officials;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.security.OfficialArea;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CaseHandedBack;
import vn.hotline1022.events.intake.CaseOwnerAssigned;
import vn.hotline1022.events.intake.CaseVerified;
import vn.hotline1022.intake.cases.CaseLifecycle;
import vn.hotline1022.intake.cases.CloseReason;
import vn.hotline1022.intake.cases.CaseStatus;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.Summary;
import vn.hotline1022.intake.timeline.VietnameseWords;

/**
 * What a ward or district official does with a case of their area: take it, verify it on site, resolve it or hand it
 * back to dispatch or relief. Each step locks the case row, so two officials (or an official and the SLA clock or a
 * citizen) never act on stale state, and goes through {@link CaseLifecycle}: its state, its event on intake's topic and
 * its line on the timeline commit together. Only the owner verifies, resolves or hands back.
 */
@ApplicationScoped
public class Officials {

    private static final Logger LOG = Logger.getLogger(Officials.class);
    /** {@code resolvedBy} of a CaseResolved an official made. */
    public static final String RESOLVED_BY = "OFFICIAL";
    /** Clocks of phones and servers differ a little: a visit "now" may look a few minutes ahead. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM HH:mm")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Inject
    CaseLifecycle lifecycle;

    /** The official takes the case (nhận xử lý); taking one's own case again changes nothing. */
    @Transactional
    public HotlineCase take(String code, String official, OfficialArea area) {
        HotlineCase c = lock(code, area);
        if (c.status == CaseStatus.RESOLVED) {
            throw ProblemException.conflict("Case " + code + " is resolved");
        }
        if (official.equals(c.officialOwner)) {
            return c;
        }
        if (c.officialOwner != null) {
            throw ProblemException.conflict("Case " + code + " is already owned by official " + c.officialOwner);
        }
        Instant now = now();
        String level = area.levelFor(c.districtCode);
        c.officialOwner = official;
        c.officialOwnedAt = now;
        lifecycle.record(c, new CaseOwnerAssigned(c.id, c.code, now, official, level),
                new Summary("Cán bộ " + VietnameseWords.level(level) + " " + official + " nhận xử lý hồ sơ",
                        (level.equals("WARD") ? "Ward" : "District") + " official " + official + " took the case"));
        lifecycle.decided(c, false, now, now); // someone answers for it now: an open case is in progress
        LOG.infof("Case %s taken by an official (%s level)", c.code, level);
        return c;
    }

    /** A verification visit: what the owner found, what they did, when. A visit that reached someone is an action. */
    @Transactional
    public HotlineCase verify(String code, String official, OfficialArea area, OfficialRequests.Verification visit) {
        Instant now = now();
        if (visit.visitedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalidField("visitedAt", "must not be in the future");
        }
        HotlineCase c = lockOwned(code, official, area);
        if (visit.visitedAt().isBefore(c.openedAt.minus(CLOCK_SKEW))) {
            throw ProblemException.invalidField("visitedAt", "must not be before the case was opened ("
                    + LOCAL.format(c.openedAt) + ")");
        }
        Instant visitedAt = visit.visitedAt().truncatedTo(ChronoUnit.MICROS);
        VerificationVisit v = new VerificationVisit();
        v.id = UUID.randomUUID();
        v.caseId = c.id;
        v.official = official;
        v.outcome = visit.outcome();
        v.actionTaken = visit.actionTaken().strip();
        v.visitedAt = visitedAt;
        v.recordedAt = now;
        v.persist();
        c.lastVerification = v.outcome;
        c.lastVerifiedAt = visitedAt;
        CaseVerified verified = new CaseVerified(c.id, c.code, now, v.outcome, v.actionTaken, visitedAt, official);
        lifecycle.record(c, verified,
                new Summary("Cán bộ " + official + " xác minh lúc " + LOCAL.format(visitedAt) + ": "
                        + VietnameseWords.verification(v.outcome) + ". Đã làm: " + shorten(v.actionTaken),
                        "Official " + official + " verified on " + LOCAL.format(visitedAt) + ": "
                                + outcomeEn(v.outcome) + ". Done: " + shorten(v.actionTaken)));
        lifecycle.decided(c, !CaseVerified.UNREACHABLE.equals(v.outcome), visitedAt, now);
        lifecycle.outcome(c, verified); // a reported violation checked is its outcome
        LOG.infof("Case %s verified by its official: %s", c.code, v.outcome);
        return c;
    }

    /** The owner resolves the case (CaseResolved, resolvedBy OFFICIAL, the outcome as its note). */
    @Transactional
    public HotlineCase resolve(String code, String official, OfficialArea area,
            OfficialRequests.Resolution resolution) {
        HotlineCase c = lockOwned(code, official, area);
        Instant now = now();
        String outcome = resolution.outcome().strip();
        lifecycle.decided(c, true, now, now);
        lifecycle.resolve(c, now, RESOLVED_BY, CloseReason.RESOLVED_BY_OFFICIAL, outcome, new Summary(
                "Cán bộ " + official + " đã giải quyết hồ sơ: " + shorten(outcome),
                "Official " + official + " resolved the case: " + shorten(outcome)));
        LOG.infof("Case %s resolved by its official", c.code);
        return c;
    }

    /**
     * The owner hands the case back: to dispatch for a team visit, or to relief to decide relief needs again. The
     * handed-back needs must be ones the target acts on, or nobody would: the case is no longer the official's.
     */
    @Transactional
    public HotlineCase handBack(String code, String official, OfficialArea area, OfficialRequests.HandBack handBack) {
        HotlineCase c = lockOwned(code, official, area);
        List<Need> needs = handBack.needs() == null || handBack.needs().isEmpty()
                ? c.needs.stream().map(Need::valueOf).toList()
                : handBack.needs().stream().distinct().toList();
        boolean toDispatch = CaseHandedBack.DISPATCH.equals(handBack.target());
        Predicate<Need> acted = toDispatch ? Need::needsFieldTeam : Need::isRelief;
        if (needs.stream().noneMatch(acted)) {
            throw ProblemException.invalidField("needs", toDispatch
                    ? "must include a need a team goes out for (EMERGENCY_TRANSPORT, HOSPITAL_ADMISSION,"
                            + " MEDICAL_CONSULTATION or OXYGEN_SUPPORT)"
                    : "must include a relief need (FOOD, RENT_SUPPORT, CASH_SUPPORT or OXYGEN_SUPPORT)");
        }
        Set<String> all = new LinkedHashSet<>(c.needs);
        needs.forEach(n -> all.add(n.name())); // what the visit found becomes the case's
        c.needs = new ArrayList<>(all);
        Instant now = now();
        String reason = handBack.reason().strip();
        c.officialOwner = null; // back with the services; an official may take it again later
        c.officialOwnedAt = null;
        lifecycle.record(c, new CaseHandedBack(c.id, c.code, now, UUID.randomUUID(), handBack.target(), needs,
                new Location(c.provinceCode, c.districtCode, c.wardCode, c.addressText, c.latitude, c.longitude),
                c.priority, reason, official),
                new Summary("Cán bộ " + official + " chuyển lại cho "
                        + (toDispatch ? "điều phối tổ phản ứng nhanh" : "bộ phận cứu trợ") + ", nhu cầu: "
                        + VietnameseWords.needs(needs) + ". Lý do: " + shorten(reason),
                        "Official " + official + " handed the case back to " + (toDispatch ? "dispatch" : "relief")
                                + ", needs " + String.join(", ", needs.stream().map(Enum::name).toList()) + ": "
                                + shorten(reason)));
        LOG.infof("Case %s handed back to %s by its official", c.code, handBack.target());
        return c;
    }

    /**
     * The case, locked for this transaction. Another area's case is "not found", as another hospital's referral is:
     * an official cannot even learn that it exists.
     */
    private static HotlineCase lock(String code, OfficialArea area) {
        HotlineCase c = HotlineCase.<HotlineCase> find("code", code).withLock(LockModeType.PESSIMISTIC_WRITE)
                .<HotlineCase> firstResultOptional().orElseThrow(() -> ProblemException.notFound("Case " + code));
        if (!area.covers(c.districtCode, c.wardCode)) {
            throw ProblemException.notFound("Case " + code);
        }
        return c;
    }

    private static HotlineCase lockOwned(String code, String official, OfficialArea area) {
        HotlineCase c = lock(code, area);
        if (c.status == CaseStatus.RESOLVED) {
            throw ProblemException.conflict("Case " + code + " is resolved");
        }
        if (c.officialOwner == null) {
            throw ProblemException.conflict("Take case " + code + " first (POST …/ownership)");
        }
        if (!c.officialOwner.equals(official)) {
            throw ProblemException.conflict("Case " + code + " is owned by official " + c.officialOwner);
        }
        return c;
    }

    private static String outcomeEn(String outcome) {
        return switch (outcome) {
            case CaseVerified.VALID -> "as reported";
            case CaseVerified.NOT_VALID -> "not as reported";
            default -> "could not reach anyone";
        };
    }

    /** Timeline lines stay one line long; the whole text is in the event and the visit. */
    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 199) + "…";
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
    }
}
