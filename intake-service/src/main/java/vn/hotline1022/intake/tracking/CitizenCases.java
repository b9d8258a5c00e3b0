package vn.hotline1022.intake.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.intake.audit.AuditTrail;
import vn.hotline1022.intake.callbacks.CallbackRequest;
import vn.hotline1022.intake.callbacks.Callbacks;
import vn.hotline1022.intake.cases.CaseLifecycle;
import vn.hotline1022.intake.cases.CaseTrack;
import vn.hotline1022.intake.cases.CloseReason;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.OutcomeWords;
import vn.hotline1022.intake.cases.Summary;
import vn.hotline1022.intake.cases.TimelineEntry;
import vn.hotline1022.intake.cases.TrackState;
import vn.hotline1022.intake.timeline.VietnameseWords;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;

/**
 * What a citizen may do with their case without signing in: see where it stands, and say whether help arrived. Every
 * request passes {@link CitizenGuard} first; a failed look-up is counted. "Help has not arrived" reopens and escalates
 * a case at most once per {@code hotline.intake.citizens.reopen-escalation-interval}: repeating it sooner is recorded
 * on the timeline as a contact, so nobody can push a case up the queue or flood officials by answering again and again.
 */
@ApplicationScoped
public class CitizenCases {

    private static final Logger LOG = Logger.getLogger(CitizenCases.class);

    /**
     * Where the case stands; no personal data. {@code lastStep} is the latest timeline line, in Vietnamese;
     * {@code progress} says in plain words what has happened and what is pending, one line per kind of help (no need
     * codes; null for a callback not yet a case).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String code, String status, Instant openedAt, Instant lastStepAt, String lastStep,
            List<Progress> progress) {

        Status(String code, String status, Instant openedAt, Instant lastStepAt, String lastStep) {
            this(code, status, openedAt, lastStepAt, lastStep, null);
        }
    }

    /** One need: its name, whether it is done, and what happened or what it waits for (Vietnamese, English). */
    public record Progress(String help, String helpEn, boolean done, String text, String textEn, Instant at) {

        static Progress of(TrackState t) {
            return new Progress(t.track().vi(), t.track().en(), t.ended(),
                    t.ended() ? OutcomeWords.vi(t.outcome()) : t.waitingFor().vi(),
                    t.ended() ? OutcomeWords.en(t.outcome()) : t.waitingFor().en(),
                    t.ended() ? t.outcomeAt() : null);
        }
    }

    @Inject
    CitizenGuard guard;

    @Inject
    CaseLifecycle lifecycle;

    @Inject
    AuditTrail audit;

    @Inject
    IntakeConfig config;

    @Inject
    AdvisoryLocks locks;

    @Inject
    Callbacks callbacks;

    @Transactional
    public Status track(String code, String canonicalPhone) {
        guard.admit(code, canonicalPhone);
        Optional<HotlineCase> byCode = HotlineCase.byCode(code);
        if (byCode.isEmpty()) { // a callback's code, before (or without) a case of that code
            Optional<Status> callback = callback(code, canonicalPhone);
            if (callback.isPresent()) {
                return callback.get();
            }
        }
        HotlineCase c = mine(byCode, code, canonicalPhone);
        audit.recordAs(AuditTrail.CITIZEN, AuditTrail.Action.CASE_READ_BY_CITIZEN, c.id, c.code, null);
        return view(c);
    }

    @Transactional
    public Status confirm(String code, String canonicalPhone, boolean helped) {
        guard.admit(code, canonicalPhone);
        // The same lock as a call from this phone: a call cannot attach to the case while it is being closed.
        locks.lock(LockSpace.CALLER_PHONE, canonicalPhone);
        HotlineCase c = find(code, canonicalPhone);
        Instant now = Instant.now();
        if (helped) {
            resolve(c, now);
        } else if (c.lastReopenedAt != null
                && c.lastReopenedAt.plus(config.citizens().reopenEscalationInterval()).isAfter(now)) {
            TimelineEntry.note(c.id, "CitizenContact", now, new Summary(
                    "Người gọi báo lần nữa là chưa nhận được hỗ trợ (đã chuyển cấp ở bước này)",
                    "The caller says again that help has not arrived (already escalated at this step)"));
            audit.recordAs(AuditTrail.CITIZEN, AuditTrail.Action.CASE_CONTACTED_BY_CITIZEN, c.id, c.code, null);
            LOG.infof("Case %s: the citizen repeated that help has not arrived; recorded as a contact", c.code);
        } else {
            reopen(c, now);
        }
        return view(c);
    }

    private void resolve(HotlineCase c, Instant now) {
        if (!lifecycle.resolve(c, now, "CITIZEN", CloseReason.CONFIRMED_BY_CITIZEN,
                "the citizen confirmed that help arrived",
                new Summary("Người gọi xác nhận đã nhận được hỗ trợ", "The caller confirmed that help arrived"))) {
            return;
        }
        audit.recordAs(AuditTrail.CITIZEN, AuditTrail.Action.CASE_RESOLVED_BY_CITIZEN, c.id, c.code, null);
        LOG.infof("Case %s resolved by the citizen", c.code);
    }

    /**
     * A resolved case goes back in progress; an unresolved one keeps its status. Either way it now counts as a missed
     * deadline, and the SLA clock escalates it.
     */
    private void reopen(HotlineCase c, Instant now) {
        lifecycle.reopen(c, now, "the citizen says help has not arrived",
                new Summary("Người gọi báo chưa nhận được hỗ trợ; hồ sơ được tính là quá hạn",
                        "The caller says help has not arrived; the case counts as overdue"));
        audit.recordAs(AuditTrail.CITIZEN, AuditTrail.Action.CASE_REOPENED_BY_CITIZEN, c.id, c.code, null);
        LOG.infof("Case %s reopened by the citizen (%d)", c.code, c.reopenCount);
    }

    /**
     * A code given for a message awaiting a callback, before (or without) a case of that code: where the callback
     * stands; the case it joined when it joined another phone's case.
     */
    private Optional<Status> callback(String code, String canonicalPhone) {
        CallbackRequest r = CallbackRequest.byCode(code)
                .filter(found -> callbacks.isPhoneOf(found.phoneHash, canonicalPhone)).orElse(null);
        if (r == null) {
            return Optional.empty();
        }
        audit.recordAs(AuditTrail.CITIZEN, AuditTrail.Action.CASE_READ_BY_CITIZEN, null, r.code, "callback");
        return switch (r.status) {
            case PENDING_CALLBACK -> Optional.of(new Status(r.code, r.status.name(), r.receivedAt, r.receivedAt,
                    "Đang chờ tổng đài viên gọi lại số điện thoại đã nhắn tin"));
            case CLOSED -> Optional.of(new Status(r.code, r.status.name(), r.receivedAt, r.handledAt,
                    "Tổng đài viên đã kết thúc yêu cầu gọi lại: " + VietnameseWords.callbackOutcome(r.outcome.name())
                            + ". Cần hỗ trợ, xin gọi 1022."));
            // The case the callback joined: the sender's own, or their household's (the phone matched the callback).
            case CASE_OPENED -> HotlineCase.byCode(r.caseCode).map(CitizenCases::view);
        };
    }

    /** A wrong phone gets the same 404 as an unknown code, so codes cannot be probed; both count as failures. */
    private HotlineCase find(String code, String canonicalPhone) {
        return mine(HotlineCase.byCode(code), code, canonicalPhone);
    }

    private HotlineCase mine(Optional<HotlineCase> byCode, String code, String canonicalPhone) {
        HotlineCase c = byCode.filter(found -> found.callerPhone.equals(canonicalPhone)).orElse(null);
        if (c == null) {
            guard.failed(code, canonicalPhone);
            throw ProblemException.notFound("Case " + code + " for this phone");
        }
        return c;
    }

    private static Status view(HotlineCase c) {
        List<TimelineEntry> steps = TimelineEntry.of(c.id);
        TimelineEntry last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        return new Status(c.code, c.status.name(), c.openedAt, last == null ? null : last.occurredAt,
                last == null ? null : last.summary, CaseTrack.states(c.id).stream().map(Progress::of).toList());
    }
}
