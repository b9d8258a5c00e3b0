package vn.hotline1022.intake.callbacks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import vn.hotline1022.commons.security.Scope;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.commons.proof.PhoneHashes;
import vn.hotline1022.intake.audit.AuditTrail;
import vn.hotline1022.intake.calls.CallTaker;
import vn.hotline1022.intake.cases.CaseCodes;
import vn.hotline1022.intake.calls.NewCall;
import vn.hotline1022.intake.cases.CaseCall;
import vn.hotline1022.intake.geography.AdminUnits;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;
import vn.hotline1022.text.PhoneNumbers;

/**
 * The agents' callback queue: a message no rule can read becomes a pending callback with a case code (one per phone
 * while it waits; later messages are added to it), and the agent who calls back opens the case with that code, or
 * ends the callback with an outcome. Either way the phone and the message are erased.
 */
@ApplicationScoped
public class Callbacks {

    private static final Logger LOG = Logger.getLogger(Callbacks.class);
    private static final int MAX_MESSAGE = 4000;
    /** A page of the callback queue: the oldest first, at most this many phones at once. */
    public static final int QUEUE_PAGE = 100;

    /** The callback a message joined, and whether it opened it. */
    public record Requested(CallbackRequest callback, boolean created) {
    }

    @Inject
    CaseCodes codes;

    @Inject
    AdminUnits units;

    @Inject
    IntakeConfig config;

    @Inject
    AdvisoryLocks locks;

    @Inject
    CallTaker callTaker;

    @Inject
    AuditTrail audit;

    @Inject
    PhoneHashes hashes;

    /** The keyed hash a callback's phone is kept under after the phone itself is erased. */
    public String phoneHash(String canonicalPhone) {
        return hashes.current("callback", canonicalPhone);
    }

    /** Whether a callback kept under {@code stored} is this phone's (under any phone hash key still listed). */
    public boolean isPhoneOf(String stored, String canonicalPhone) {
        return hashes.matches(stored, "callback", canonicalPhone);
    }

    /**
     * A message from {@code canonicalPhone} for an agent to answer by calling back; numbered in the hotline's own
     * province, since its place is not known yet.
     */
    @Transactional
    public Requested request(ContactChannel channel, String canonicalPhone, String message) {
        locks.lock(LockSpace.CALLER_PHONE, canonicalPhone); // one pending callback per phone, whatever the instance
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String text = message == null ? "" : message.strip();
        var pending = CallbackRequest.pendingOf(hashes.all("callback", canonicalPhone));
        if (pending.isPresent()) {
            CallbackRequest c = pending.get();
            c.message = cap(c.message + "\n" + text);
            c.messageCount++;
            return new Requested(c, false);
        }
        AdminUnits.Province province = units.province(config.homeProvince())
                .orElseThrow(() -> new IllegalStateException("hotline.intake.home-province is not a province"));
        CallbackRequest c = new CallbackRequest();
        c.id = UUID.randomUUID();
        c.code = codes.next(province, now);
        c.provinceCode = province.code();
        c.channel = channel.name();
        c.phone = canonicalPhone;
        c.phoneHash = phoneHash(canonicalPhone);
        c.message = cap(text);
        c.receivedAt = now;
        c.messageCount = 1;
        c.status = CallbackRequest.Status.PENDING_CALLBACK;
        c.persist();
        audit.recordAs(channel.name().toLowerCase(java.util.Locale.ROOT), AuditTrail.Action.CALLBACK_REQUESTED, null,
                c.code, "channel " + c.channel);
        LOG.infof("Callback %s requested by %s", c.code, c.channel);
        return new Requested(c, true);
    }

    /** The pending callbacks this person may answer, oldest first; none without a province. Audited: phones. */
    public List<CallbackRequest> pending(Scope scope, int page, int size) {
        List<CallbackRequest> pending = scope.isEmpty() ? List.of()
                : CallbackRequest.pendingIn(scope.unrestricted() ? null : scope.provinces(), page, size);
        audit.record(AuditTrail.Action.CASES_LISTED, null, null, "callbacks page " + page + ": " + pending.size());
        return pending;
    }

    /** Closes (EXPIRED) and erases the callbacks that waited longer than {@code expire-after}; how many. */
    @Scheduled(identity = "callback-expiry", every = "1h", delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireScheduled() {
        expire(Instant.now());
    }

    @Transactional
    public int expire(Instant now) {
        List<CallbackRequest> old = CallbackRequest.list("status = ?1 and receivedAt < ?2",
                CallbackRequest.Status.PENDING_CALLBACK, now.minus(config.callbacks().expireAfter()));
        for (CallbackRequest c : old) {
            done(c, CallbackRequest.Status.CLOSED, CallbackRequest.Outcome.EXPIRED, AuditTrail.SYSTEM);
        }
        if (!old.isEmpty()) {
            LOG.warnf("%d callbacks expired unanswered", old.size());
        }
        return old.size();
    }

    /**
     * The agent called back and took the call: the case opens with the callback's code (or the call joins the
     * phone's open case), on the channel the message came by, for the phone that wrote.
     */
    @Transactional
    public CallTaker.Taken openCase(String code, NewCall call, Scope scope, String agent) {
        CallbackRequest c = inScope(code, scope);
        if (c.status != CallbackRequest.Status.PENDING_CALLBACK && call.callId() != null
                && CaseCall.byId(call.callId()).isPresent()) {
            return callTaker.takeAt(call, agent, scope); // the console retried after a timeout: the case it opened
        }
        pending(c);
        String phone = PhoneNumbers.normalise(call.caller().phone()).orElse(null);
        if (!c.phone.equals(phone)) {
            throw ProblemException.invalidField("caller.phone", "must be the number that wrote to 1022");
        }
        NewCall asWritten = new NewCall(call.callId(), ContactChannel.valueOf(c.channel), call.caller(),
                call.location(), call.needs(), call.householdSize(), call.vulnerabilities(), call.notes(),
                call.agentId(), call.answeredOnCall());
        // In the agent's area like any call: a ward outside it is refused, another area's case never joined or shown.
        CallTaker.Taken taken = callTaker.takeAt(asWritten, agent, c.code, scope);
        done(c, CallbackRequest.Status.CASE_OPENED, null, agent);
        c.caseCode = taken.hotlineCase().code;
        LOG.infof("Callback %s answered: case %s", c.code, c.caseCode);
        return taken;
    }

    /** The agent ends a callback without a case. */
    @Transactional
    public CallbackRequest close(String code, CallbackRequest.Outcome outcome, Scope scope, String agent) {
        if (outcome == CallbackRequest.Outcome.EXPIRED) {
            throw ProblemException.invalidField("outcome", "EXPIRED is set by intake itself; use UNREACHABLE,"
                    + " NO_HELP_NEEDED or NOT_A_REQUEST");
        }
        CallbackRequest c = pending(inScope(code, scope));
        done(c, CallbackRequest.Status.CLOSED, outcome, agent);
        LOG.infof("Callback %s closed: %s", c.code, outcome);
        return c;
    }

    /**
     * Locks the phone first, as a message from it does, then the row: a message arriving meanwhile either joins the
     * callback before it is done or opens a new one after.
     */
    private CallbackRequest inScope(String code, Scope scope) {
        CallbackRequest c = CallbackRequest.byCode(code).filter(found -> scope.coversProvince(found.provinceCode))
                .orElseThrow(() -> ProblemException.notFound("Callback " + code));
        if (c.phone != null) {
            locks.lock(LockSpace.CALLER_PHONE, c.phone);
        }
        CallbackRequest.getEntityManager().refresh(c, LockModeType.PESSIMISTIC_WRITE);
        return c;
    }

    private static CallbackRequest pending(CallbackRequest c) {
        if (c.status != CallbackRequest.Status.PENDING_CALLBACK) {
            throw ProblemException.conflict(
                    "Callback " + c.code + " is " + c.status + (c.caseCode == null ? "" : " (case " + c.caseCode + ")"));
        }
        return c;
    }

    private void done(CallbackRequest c, CallbackRequest.Status status, CallbackRequest.Outcome outcome,
            String agent) {
        c.status = status;
        c.outcome = outcome;
        c.handledBy = agent;
        c.handledAt = Instant.now();
        c.phone = null; // personal data, no longer needed: the case keeps its own copy
        c.message = null;
        audit.recordAs(agent, status == CallbackRequest.Status.CLOSED ? AuditTrail.Action.CALLBACK_CLOSED
                : AuditTrail.Action.CALLBACK_ANSWERED, null, c.code, outcome == null ? null : outcome.name());
    }

    private static String cap(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE);
    }
}
