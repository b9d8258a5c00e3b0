package vn.hotline1022.referral.referrals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.ClinicalNotes;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralWaiting;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralRejected;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.referral.ReferralConfig;
import vn.hotline1022.referral.hospitals.BedPool;
import vn.hotline1022.referral.hospitals.BedsMayBeFree;
import vn.hotline1022.referral.hospitals.Hospital;

/**
 * Finds a bed for every case that needs one, one hospital at a time, and moves on to the next hospital when one
 * rejects or does not answer in time.
 *
 * <p>When no hospital of the province has a free bed of the type, the referral stays WAITING and says so once
 * (ReferralWaiting, again only if its bed type changes): nothing is promised to anyone, but the case's timeline, the
 * agents and the district's officials see the patient waits. Any new free bed in the
 * province — a capacity report, a new hospital, a hold released by a rejection or an expiry — retries the waiting
 * referrals there, most urgent first. Routing never crosses a province border.
 */
@ApplicationScoped
public class Referrer {

    private static final Logger LOG = Logger.getLogger(Referrer.class);
    private static final int BATCH = 50;
    static final String NO_FREE_BED = "NO_FREE_BED";

    @Inject
    Outbox outbox;

    @Inject
    ReferralConfig config;

    @Inject
    BedTypeRule bedTypes;

    /** Runs inside the inbox transaction of the CallReceived event. */
    public void onCallReceived(CallReceived call) {
        if (call.needs().stream().noneMatch(Need::needsHospital) || Referral.liveFor(call.caseId()) != null) {
            return; // no bed asked for, or already looked after (a repeat event under a new id)
        }
        open(call.caseId(), call.caseCode(), "CallReceived", call.location(), bedTypes.forCall(call.priority()),
                null, call.notes(), call.priority());
    }

    /** Runs inside the inbox transaction of the CaseNeedsChanged event: a repeat call asked for a hospital. */
    public void onCaseNeedsChanged(CaseNeedsChanged changed) {
        if (changed.addedNeeds().stream().noneMatch(Need::needsHospital) || Referral.liveFor(changed.caseId()) != null) {
            return; // no bed asked for now, or one is being looked after already
        }
        open(changed.caseId(), changed.caseCode(), "CaseNeedsChanged", changed.location(),
                bedTypes.forCall(changed.priority()), null, null, changed.priority());
    }

    /** Runs inside the inbox transaction of the DispatchCompleted event. */
    public void onDispatchCompleted(DispatchCompleted done) {
        if (done.outcome() != DispatchOutcome.NEEDS_HOSPITAL
                && done.followUpNeeds().stream().noneMatch(Need::needsHospital)) {
            return;
        }
        ClinicalNotes notes = done.clinicalNotes();
        BedType bedType = bedTypes.forAssessment(notes);
        Severity severity = notes == null ? null : notes.severity();
        String summary = summary(notes, done.note());
        Referral live = Referral.liveFor(done.caseId());
        if (live == null) {
            open(done.caseId(), done.caseCode(), "DispatchCompleted", done.location(), bedType, severity, summary,
                    null);
        } else if (live.status == Referral.Status.WAITING) {
            // Still no bed: the team's measurements are better than the phone triage.
            live.bedType = bedType;
            live.severity = severity;
            live.clinicalSummary = summary;
            route(live);
        }
        // A referral already put to a hospital, or accepted, stands.
    }

    /**
     * The hospital opened the referral (FHIR "received"): nothing else changes, the deadline still runs. Opening it
     * again is harmless and answers the same.
     */
    @Transactional
    public Referral receive(UUID referralId) {
        Referral r = locked(referralId);
        if (r.status == Referral.Status.RECEIVED) {
            return r;
        }
        if (r.status != Referral.Status.PENDING) {
            throw ProblemException.conflict("Only a pending referral can be received; it is " + r.status);
        }
        r.status = Referral.Status.RECEIVED;
        r.receivedAt = Instant.now();
        return r;
    }

    @Transactional
    public Referral accept(UUID referralId, String bedLabel, Instant expectedArrival) {
        Referral r = pending(referralId, "accepted");
        Instant now = Instant.now();
        r.status = Referral.Status.ACCEPTED;
        r.answeredAt = now;
        r.bedLabel = bedLabel;
        r.expectedArrival = expectedArrival;
        BedPool.occupy(r.hospitalId, r.bedType);
        Hospital h = Hospital.findById(r.hospitalId);
        outbox.publish(new ReferralAccepted(r.caseId, r.caseCode, now, r.id, h.id, h.name, bedLabel,
                expectedArrival, h.code, r.bedType, r.provinceCode, r.districtCode));
        LOG.infof("Case %s: %s accepted the referral (attempt %d)", r.caseCode, h.name, r.attempt);
        return r;
    }

    @Transactional
    public Referral reject(UUID referralId, RejectionReason reason, String detail) {
        Referral r = pending(referralId, "rejected");
        Instant now = Instant.now();
        r.status = Referral.Status.REJECTED;
        r.answeredAt = now;
        r.closedAt = now;
        r.rejectionReason = reason.name();
        r.rejectionDetail = detail;
        if (reason == RejectionReason.NO_BEDS) {
            BedPool.releaseAsFull(r.hospitalId, r.bedType);
        } else {
            BedPool.release(r.hospitalId, r.bedType);
        }
        outbox.publish(new ReferralRejected(r.caseId, r.caseCode, now, r.id, r.hospitalId, reason.name(), detail));
        LOG.infof("Case %s: hospital %s rejected the referral (%s)", r.caseCode, r.hospitalId, reason);
        reRoute(r);
        return r;
    }

    /**
     * Expires every pending referral whose deadline passed before {@code asOf}, releases its bed and asks the next
     * hospital; in batches, each its own transaction. Rows another instance is expiring are skipped. Only the database
     * is read (no timer lives in memory), so a deadline that passed while the service was down is caught by the first
     * run after the restart; the scheduled {@link ExpiryJob} calls this with the current time.
     *
     * @return how many referrals expired
     */
    public int expireOverdue(Instant asOf) {
        int expired = 0;
        while (true) {
            int batch = QuarkusTransaction.requiringNew().call(() -> expireBatch(asOf));
            expired += batch;
            if (batch < BATCH) {
                return expired;
            }
        }
    }

    private int expireBatch(Instant asOf) {
        List<Referral> due = Referral.lockOverdue(asOf, BATCH);
        for (Referral r : due) {
            r.status = Referral.Status.EXPIRED;
            r.closedAt = Instant.now();
            BedPool.release(r.hospitalId, r.bedType);
            Hospital h = Hospital.findById(r.hospitalId);
            outbox.publish(new ReferralExpired(r.caseId, r.caseCode, Instant.now(), r.id, r.hospitalId,
                    r.answerDeadline, h == null ? null : h.code));
            LOG.infof("Case %s: hospital %s did not answer by %s", r.caseCode, r.hospitalId, r.answerDeadline);
            reRoute(r);
        }
        return due.size();
    }

    /** A hospital may have a bed again: the waiting referrals of its province try again (same transaction). */
    void onBedsMayBeFree(@Observes BedsMayBeFree freed) {
        retryWaiting(freed.provinceCode());
    }

    /** New free beds in a province: the waiting referrals there try again, most urgent first. */
    public void retryWaiting(String provinceCode) {
        for (Referral r : Referral.lockWaiting(provinceCode, BATCH)) {
            route(r);
        }
    }

    private void open(UUID caseId, String caseCode, String openedBy, Location at, BedType bedType, Severity severity,
            String summary, Integer priority) {
        Referral r = new Referral();
        r.id = UUID.randomUUID();
        r.caseId = caseId;
        r.caseCode = caseCode;
        r.status = Referral.Status.WAITING;
        r.openedBy = openedBy;
        r.provinceCode = at == null ? null : at.provinceCode();
        r.districtCode = at == null ? null : at.districtCode();
        r.bedType = bedType;
        r.severity = severity;
        r.clinicalSummary = summary;
        r.priority = priority;
        r.createdAt = Instant.now();
        r.persist();
        route(r);
    }

    /** The closed referral's case goes to the next hospital; the bed it gave back may serve another waiting case. */
    private void reRoute(Referral closed) {
        Referral.flush(); // the closed row leaves the one-live-per-case index before the next one enters it
        Referral next = closed.next();
        next.persist();
        route(next);
        if (closed.provinceCode != null) {
            retryWaiting(closed.provinceCode);
        }
    }

    /** Puts a waiting referral to the best hospital with a bed it can hold; leaves it WAITING if there is none. */
    private void route(Referral r) {
        if (r.status != Referral.Status.WAITING || r.provinceCode == null) {
            return;
        }
        for (Hospital h : LevelRule.order(Hospital.withFreeBed(r.provinceCode, r.districtCode, r.bedType, r.caseId),
                hospital -> hospital.level, r.severity, r.bedType)) {
            if (BedPool.hold(h.id, r.bedType)) {
                refer(r, h);
                return;
            }
            // Another case took its last bed since the candidates were read: try the next hospital.
        }
        if (r.waitingAnnouncedFor != r.bedType) {
            // Once per bed type, not on every retry: the patient waits, and everyone who follows the case knows.
            r.waitingAnnouncedFor = r.bedType;
            outbox.publish(new ReferralWaiting(r.caseId, r.caseCode, Instant.now(), r.id, NO_FREE_BED, r.bedType,
                    r.createdAt, r.provinceCode, r.districtCode));
            LOG.infof("Case %s waits for a %s bed: none free in province %s", r.caseCode, r.bedType, r.provinceCode);
        }
    }

    private void refer(Referral r, Hospital h) {
        Instant now = Instant.now();
        r.attempt = (int) Referral.asksFor(r.caseId) + 1;
        r.status = Referral.Status.PENDING;
        r.hospitalId = h.id;
        r.referredAt = now;
        r.answerDeadline = now.plus(config.answerTimeout());
        r.routingReason = LevelRule.reason(r.severity, r.bedType, h.level);
        outbox.publish(new PatientReferred(r.caseId, r.caseCode, now, r.id, h.id, h.name, r.bedType, r.severity,
                r.clinicalSummary, r.answerDeadline, r.attempt, h.code, r.routingReason));
        LOG.infof("Case %s referred to %s for a %s bed (attempt %d)", r.caseCode, h.name, r.bedType, r.attempt);
    }

    /** A referral the hospital has not answered yet (pending or received), locked against the expiry job. */
    private static Referral pending(UUID id, String verb) {
        Referral r = locked(id);
        if (!r.status.unanswered()) {
            throw ProblemException.conflict("Only a pending referral can be " + verb + "; it is " + r.status);
        }
        return r;
    }

    private static Referral locked(UUID id) {
        Referral r = Referral.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            throw ProblemException.notFound("Referral " + id);
        }
        return r;
    }

    /** What the hospital reads before the patient arrives; clinical data only, never who the caller is. */
    static String summary(ClinicalNotes notes, String note) {
        List<String> parts = new ArrayList<>();
        if (notes != null) {
            if (notes.spo2() != null) {
                parts.add("SpO2 " + notes.spo2() + "%");
            }
            if (notes.respiratoryRate() != null) {
                parts.add("nhịp thở " + notes.respiratoryRate() + "/phút");
            }
            if (notes.symptoms() != null && !notes.symptoms().isBlank()) {
                parts.add(notes.symptoms().strip());
            }
            if (notes.severity() != null) {
                parts.add(notes.severity().name());
            }
        }
        if (note != null && !note.isBlank()) {
            parts.add(note.strip());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
