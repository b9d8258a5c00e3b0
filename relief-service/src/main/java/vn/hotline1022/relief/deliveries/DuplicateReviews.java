package vn.hotline1022.relief.deliveries;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.relief.households.Household;
import vn.hotline1022.relief.households.Households;
import vn.hotline1022.relief.programmes.Programme;

/** An officer's review of a request refused as a probable DUPLICATE: confirmed, or overridden with a reason. */
@ApplicationScoped
public class DuplicateReviews {

    private static final Logger LOG = Logger.getLogger(DuplicateReviews.class);

    @Inject
    Households households;

    @Inject
    DeliveryOutcomes outcomes;

    /** An officer checked a DUPLICATE refusal and agrees: it stays refused, with who decided and why. */
    @Transactional
    public Delivery confirmDuplicate(UUID deliveryId, String justification, String officer) {
        Delivery d = Delivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        checkUnreviewedDuplicate(d, deliveryId);
        review(d, "CONFIRMED", justification, officer);
        LOG.infof("Case %s: duplicate %s confirmed by %s", d.caseCode, d.id, officer);
        return d;
    }

    /**
     * An officer checked a DUPLICATE refusal and finds two households (e.g. two worker families renting rooms at one
     * address, nhà trọ): the request is scheduled despite it, or waits for stock. The cap still holds, and a household
     * never has two packages of one programme on the way.
     */
    @Transactional
    public Delivery overrideDuplicate(UUID deliveryId, String justification, String officer) {
        Delivery found = Delivery.findById(deliveryId);
        checkUnreviewedDuplicate(found, deliveryId);
        String code = found.programmeCode;
        if (!Programme.lockIfActive(code)) {
            throw ProblemException.conflict("Programme " + code + " is closed");
        }
        Delivery d = Delivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        Delivery.getEntityManager().refresh(d);
        checkUnreviewedDuplicate(d, deliveryId);
        Programme p = Programme.findByCode(code);
        Household h = households.lock(d.householdId);
        households.lockFamily(h);
        if (Delivery.pendingFor(h.id, code)) {
            throw ProblemException.conflict("The household itself already has a package of " + code
                    + " waiting or on its way; that delivery serves it");
        }
        if (outcomes.capReached(h.id, p)) {
            throw ProblemException.conflict(DeliveryOutcomes.capDetail(p));
        }
        review(d, "OVERRIDDEN", justification, officer);
        LOG.infof("Case %s: duplicate %s overridden by %s", d.caseCode, d.id, officer);
        if (outcomes.take(p, d)) {
            outcomes.schedule(d, p, Instant.now());
        } else {
            outcomes.queue(d, p);
        }
        return d;
    }

    private static void checkUnreviewedDuplicate(Delivery d, UUID id) {
        if (d == null) {
            throw ProblemException.notFound("Delivery " + id);
        }
        if (d.status != Delivery.Status.REFUSED || d.reason != Delivery.Reason.DUPLICATE) {
            throw ProblemException.conflict("Only a delivery refused as DUPLICATE can be reviewed; this one is "
                    + d.status + (d.reason == null ? "" : " (" + d.reason + ")"));
        }
        if (d.reviewDecision != null) {
            throw ProblemException.conflict("This duplicate was already " + d.reviewDecision.toLowerCase() + " by "
                    + d.reviewedBy);
        }
    }

    private static void review(Delivery d, String decision, String justification, String officer) {
        d.reviewDecision = decision;
        d.reviewJustification = justification;
        d.reviewedBy = officer;
        d.reviewedAt = Instant.now();
    }
}
