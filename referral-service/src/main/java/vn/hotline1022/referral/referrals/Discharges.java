package vn.hotline1022.referral.referrals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.events.referral.PatientDischarged;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.referral.hospitals.BedPool;
import vn.hotline1022.referral.hospitals.Hospital;

/**
 * An admitted patient leaves the hospital (ra viện): the hospital records it from its page, its API or its FHIR Task,
 * once. The bed is free again and offered to the patients waiting for one; intake's case shows how the stay ended.
 */
@ApplicationScoped
public class Discharges {

    private static final Logger LOG = Logger.getLogger(Discharges.class);
    /** A discharge time a little ahead of the server's clock is a hospital clock's skew; more is a mistake. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** What came of a discharge: done, or why not, as a value (the resource maps it to HTTP). */
    public sealed interface Result permits Done, NotFound, Refused {
    }

    public record Done(Referral referral) implements Result {
    }

    public record NotFound() implements Result {
    }

    public record Refused(String field, String reason) implements Result {
    }

    @Inject
    Outbox outbox;

    @Inject
    Referrer referrer;

    /**
     * The rule, on its own: only a completed (admitted) referral not yet discharged; a transfer names where to; the
     * time is not before the admission nor in the future.
     */
    static Refused refusal(Referral r, String disposition, String transferredTo, Instant at, Instant now) {
        if (r.status != Referral.Status.COMPLETED) {
            return new Refused(null, "chỉ ghi nhận ra viện cho bệnh nhân đã nhập viện; phiếu chuyển đang ở trạng thái "
                    + r.status);
        }
        if (r.dischargedAt != null) {
            return new Refused(null, "bệnh nhân đã được ghi nhận ra viện");
        }
        if (PatientDischarged.TRANSFERRED.equals(disposition) && (transferredTo == null || transferredTo.isBlank())) {
            return new Refused("transferredTo", "cần mã cơ sở khám chữa bệnh nơi chuyển đến");
        }
        if (at.isAfter(now.plus(CLOCK_SKEW)) || (r.closedAt != null && at.isBefore(r.closedAt.minus(CLOCK_SKEW)))) {
            return new Refused("dischargedAt", "phải sau lúc nhập viện và không ở tương lai");
        }
        return null;
    }

    @Transactional
    public Result discharge(UUID referralId, String disposition, String transferredTo, Instant at) {
        Referral r = Referral.findById(referralId, LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            return new NotFound();
        }
        Instant now = Instant.now();
        Instant when = at == null ? now : at;
        Refused refused = refusal(r, disposition, transferredTo, when, now);
        if (refused != null) {
            return refused;
        }
        r.dischargedAt = when;
        r.dischargeDisposition = disposition;
        r.transferredTo = PatientDischarged.TRANSFERRED.equals(disposition) ? transferredTo.strip() : null;
        BedPool.giveBack(r.hospitalId, r.bedType);
        if (r.provinceCode != null) {
            referrer.retryWaiting(r.provinceCode);
        }
        Hospital h = r.hospitalId == null ? null : Hospital.findById(r.hospitalId);
        outbox.publish(new PatientDischarged(r.caseId, r.caseCode, now, r.id, r.hospitalId,
                h == null ? null : h.code, h == null ? null : h.name, disposition, when, r.transferredTo));
        LOG.infof("Case %s: the patient left hospital %s (%s)", r.caseCode, r.hospitalId, disposition);
        return new Done(r);
    }
}
