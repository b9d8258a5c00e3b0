package vn.hotline1022.referral.referrals;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.referral.hospitals.BedPool;
import vn.hotline1022.referral.hospitals.Hospital;

/**
 * How an accepted referral ends: the patient admitted (COMPLETED, with one PatientAdmitted, whether 1022's transport
 * team handed the patient over or the hospital recorded it) or not admitted (FAILED, the bed given back).
 */
@ApplicationScoped
public class Admissions {

    private static final Logger LOG = Logger.getLogger(Admissions.class);

    @Inject
    Outbox outbox;

    @Inject
    Referrer referrer;

    /**
     * Runs inside the inbox transaction of the PatientHandedOver event. Only an ACCEPTED referral is admitted, so the
     * same handover again, or a hospital that recorded the admission first, changes nothing and publishes nothing.
     */
    public void onPatientHandedOver(PatientHandedOver handedOver) {
        if (handedOver.referralId() == null) {
            return;
        }
        Referral r = Referral.findById(handedOver.referralId(), LockModeType.PESSIMISTIC_WRITE);
        if (r == null || r.status != Referral.Status.ACCEPTED) {
            return; // handled already (redelivered, re-published, or recorded by the hospital first), or not ours
        }
        admit(r, handedOver.occurredAt(), PatientAdmitted.HANDED_OVER_BY_TEAM, null);
    }

    /**
     * The hospital's own record of the outcome, e.g. for a patient who came by other means. The bed arithmetic: a hold
     * (held + 1) while unanswered; on acceptance the hold becomes the patient's bed (held − 1, free − 1); admitted →
     * nothing more, the bed is occupied; not admitted → the bed is free again (free + 1, capped at total) and offered
     * to the waiting cases. The case is not re-routed: why the patient did not come (went elsewhere, died, refused)
     * is not known here, and a new need for a bed arrives as a new event.
     */
    @Transactional
    public Referral recordAdmission(UUID referralId, boolean admitted, String note) {
        Referral r = Referral.findById(referralId, LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            throw ProblemException.notFound("Referral " + referralId);
        }
        if (r.status != Referral.Status.ACCEPTED) {
            throw ProblemException.conflict("Only an accepted referral can have an admission outcome; it is "
                    + r.status);
        }
        if (admitted) {
            admit(r, Instant.now(), PatientAdmitted.RECORDED_BY_HOSPITAL, note);
            return r;
        }
        r.status = Referral.Status.FAILED;
        r.closedAt = Instant.now();
        r.admissionNote = note;
        BedPool.giveBack(r.hospitalId, r.bedType);
        if (r.provinceCode != null) {
            referrer.retryWaiting(r.provinceCode);
        }
        LOG.infof("Case %s: hospital %s did not admit the patient", r.caseCode, r.hospitalId);
        return r;
    }

    private void admit(Referral r, Instant admittedAt, String how, String note) {
        r.status = Referral.Status.COMPLETED;
        r.closedAt = Instant.now();
        if (note != null) {
            r.admissionNote = note;
        }
        Hospital h = r.hospitalId == null ? null : Hospital.findById(r.hospitalId);
        outbox.publish(new PatientAdmitted(r.caseId, r.caseCode, r.closedAt, r.id, r.hospitalId,
                h == null ? null : h.code, h == null ? null : h.name, r.bedType, admittedAt, how));
        LOG.infof("Case %s: hospital %s admitted the patient (%s)", r.caseCode, r.hospitalId, how);
    }
}
