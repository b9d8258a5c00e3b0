package vn.hotline1022.relief.deliveries;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.relief.RecipientCodeReissued;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.relief.ReliefConfig;

/**
 * Proof that a package reached the household (xác nhận nhận hàng). The household alone receives the receipt code, on
 * its phone; no officer ever sees it: it is derived from the delivery id and a round number with a secret that only
 * relief and notification hold, checked here by deriving it again, and stored nowhere. An officer may have it sent
 * again (rate limited, revealing nothing), or, when the household cannot show it, ask a second officer to approve the
 * delivery without it; both names and the reason are kept.
 */
@ApplicationScoped
public class ProofOfDelivery {

    private static final Logger LOG = Logger.getLogger(ProofOfDelivery.class);

    /** Wrong confirmation codes tolerated per code sent. */
    static final int MAX_CODE_FAILURES = 5;

    @Inject
    Outbox outbox;

    @Inject
    ReliefConfig config;

    @ConfigProperty(name = "hotline.recipient-code-secret")
    String secret;

    /** The household showed its code at the door; counts against the household's cap from now on. */
    @Transactional(dontRollbackOn = ProblemException.class) // a wrong code is counted, and still a 400
    public Delivery confirm(UUID deliveryId, String deliveredBy, String code) {
        Delivery d = scheduled(deliveryId);
        if (d.recipientCodeFailures >= MAX_CODE_FAILURES) {
            throw ProblemException.conflict("Too many wrong receipt codes; have the household's code sent again");
        }
        if (!matches(d, code)) {
            d.recipientCodeFailures++;
            throw ProblemException.invalidField("recipientCode", "does not match the code sent to the household");
        }
        return delivered(d, deliveredBy);
    }

    /**
     * Sends the household a new code (the previous one stops working). Nothing comes back to the officer; at most
     * {@code recipient-code-max-resends} times per delivery, {@code recipient-code-resend-interval} apart.
     */
    @Transactional
    public Delivery resend(UUID deliveryId, String officer) {
        Delivery d = scheduled(deliveryId);
        Instant now = Instant.now();
        if (d.recipientCodeRound >= config.recipientCodeMaxResends()) {
            throw new ProblemException(429, "Too many re-sends", "The code was sent " + (d.recipientCodeRound + 1)
                    + " times; confirm without a code with a second officer's approval", java.util.List.of());
        }
        if (d.recipientCodeSentAt != null && d.recipientCodeSentAt.plus(config.recipientCodeResendInterval())
                .isAfter(now)) {
            throw new ProblemException(429, "Too soon", "The code was sent at " + d.recipientCodeSentAt
                    + "; it may be sent again after " + config.recipientCodeResendInterval(), java.util.List.of());
        }
        d.recipientCodeRound++;
        d.recipientCodeSentAt = now;
        d.recipientCodeFailures = 0;
        outbox.publish(new RecipientCodeReissued(d.caseId, d.caseCode, now, d.id, d.recipientCodeRound));
        LOG.infof("Case %s: receipt code of delivery %s sent again (round %d) at %s's request", d.caseCode, d.id,
                d.recipientCodeRound, officer);
        return d;
    }

    /** The first of two officers: the household cannot show a code; says who delivered and why. */
    @Transactional
    public Delivery requestWithoutCode(UUID deliveryId, String deliveredBy, String reason, String officer) {
        Delivery d = scheduled(deliveryId);
        if (d.noCodeRequestedBy != null) {
            throw ProblemException.conflict("Already asked by " + d.noCodeRequestedBy + "; another officer approves");
        }
        d.noCodeRequestedBy = officer;
        d.noCodeRequestedAt = Instant.now();
        d.noCodeReason = reason;
        d.noCodeDeliveredBy = deliveredBy;
        LOG.infof("Case %s: delivery %s to be confirmed without a code, asked by %s", d.caseCode, d.id, officer);
        return d;
    }

    /** The second officer approves: delivered, with both officers and the reason on record. */
    @Transactional
    public Delivery approveWithoutCode(UUID deliveryId, String officer) {
        Delivery d = scheduled(deliveryId);
        if (d.noCodeRequestedBy == null) {
            throw ProblemException.conflict("No officer has asked to confirm this delivery without a code");
        }
        if (d.noCodeRequestedBy.equals(officer)) {
            throw new ProblemException(403, "Forbidden", "A second officer must approve; you asked for it",
                    java.util.List.of());
        }
        d.noCodeApprovedBy = officer;
        d.noCodeApprovedAt = Instant.now();
        return delivered(d, d.noCodeDeliveredBy);
    }

    private Delivery scheduled(UUID deliveryId) {
        Delivery d = Delivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw ProblemException.notFound("Delivery " + deliveryId);
        }
        if (d.status != Delivery.Status.SCHEDULED) {
            throw ProblemException.conflict("Only a scheduled delivery can be confirmed; this one is " + d.status);
        }
        return d;
    }

    private Delivery delivered(Delivery d, String deliveredBy) {
        d.status = Delivery.Status.DELIVERED;
        d.deliveredAt = Instant.now();
        d.deliveredBy = deliveredBy;
        outbox.publish(new ReliefDelivered(d.caseId, d.caseCode, d.deliveredAt, d.id, d.householdId, d.programmeCode,
                deliveredBy));
        LOG.infof("Case %s: delivery %s of %s delivered", d.caseCode, d.id, d.programmeCode);
        return d;
    }

    /** Constant time, so that response times do not tell how close a guess was. */
    private boolean matches(Delivery d, String code) {
        if (code == null) {
            return false;
        }
        String expected = RecipientCode.derive(secret, d.id, d.recipientCodeRound);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                code.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
