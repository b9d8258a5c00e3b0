package vn.hotline1022.notification.notices;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.notification.NotificationFailed;
import vn.hotline1022.events.notification.NotificationSent;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.messaging.sql.SqlValues;
import vn.hotline1022.messaging.tracing.TraceContext;
import vn.hotline1022.messaging.tracing.Tracing;
import vn.hotline1022.messaging.workers.PollingWorker;
import vn.hotline1022.notification.NotificationConfig;
import vn.hotline1022.notification.channels.Channels;
import vn.hotline1022.notification.channels.DeliveryException;
import vn.hotline1022.notification.channels.NoticeChannel;
import vn.hotline1022.notification.channels.OutgoingNotice;
import vn.hotline1022.notification.contacts.CitizenContact;
import vn.hotline1022.notification.notices.NoticeRules.Recipient;

/**
 * Sends what the delivery log has due, outside the inbox transactions: a few worker threads each take one due PENDING
 * row at a time ({@code for update skip locked}, so instances and workers share the work), call its channel and record
 * the outcome in the same short transaction. A failure schedules the next attempt with exponential backoff; after the
 * last one the notice is FAILED (NotificationFailed, and ops are told). A failing or slow channel only delays its own
 * rows: the others keep going.
 *
 * <p>A crash between the provider accepting and the commit sends the notice again on restart (at-least-once, as for
 * every external call); the notification id goes to providers as a reference so they can recognise it.
 */
@ApplicationScoped
public class NoticeSender {

    private static final Logger LOG = Logger.getLogger(NoticeSender.class);
    private static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("hotline.notice.channel");

    /**
     * The oldest due row; a fresh row waits for older fresh rows of the same case, recipient and channel, so a citizen
     * reads the acknowledgement before the team's news. A row being retried does not hold the later ones back.
     */
    private static final String NEXT_DUE = """
            select n.id from notification n
            where n.status = 'PENDING' and n.next_attempt_at <= clock_timestamp()
              and not exists (select 1 from notification o
                              where o.case_id = n.case_id and o.recipient_kind = n.recipient_kind
                                and o.recipient_address = n.recipient_address and o.channel = n.channel
                                and o.status = 'PENDING' and o.attempts = 0 and n.attempts = 0
                                and o.created_at < n.created_at)
            order by n.next_attempt_at, n.created_at
            limit 1
            for update of n skip locked
            """;

    private static final String SENT_TO_PHONE_SINCE = """
            select n.sent_at from notification n join case_contact c on c.case_id = n.case_id
            where c.phone = ?1 and n.recipient_kind = 'CITIZEN' and n.channel = ?2 and n.status = 'SENT'
              and not n.urgent and n.sent_at > ?3
            order by n.sent_at
            """;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "hotline.recipient-code-secret")
    String recipientCodeSecret;

    @Inject
    vn.hotline1022.notification.optout.OptOuts optOuts;

    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    @Inject
    Channels channels;

    @Inject
    Outbox outbox;

    @Inject
    Deliveries deliveries;

    @Inject
    Notifier notifier;

    @Inject
    Tracing tracing;

    private PollingWorker workers;

    void onStart(@Observes StartupEvent event) {
        workers = new PollingWorker("notice-sender", config.sender().workers(), config.sender().pollInterval(),
                config.sender().pollInterval(), () -> sendNext() ? PollingWorker.Outcome.MORE : PollingWorker.Outcome.IDLE,
                // Database unreachable or migrations not run yet: wait and look again.
                e -> LOG.warnf("Notice sender failed, retrying: %s", e.toString()));
        workers.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        workers.stop(Duration.ofSeconds(10));
    }

    /** Called after a commit that recorded notices. Cheap; never blocks. */
    public void wakeUp() {
        PollingWorker w = workers;
        if (w != null) {
            w.wakeUp();
        }
    }

    /** Handles one due notice in its own transaction; false when none is due. */
    boolean sendNext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery(NEXT_DUE).getResultList();
            if (ids.isEmpty()) {
                return false;
            }
            Notification n = em.find(Notification.class, (UUID) ids.get(0));
            // In the trace of the event that asked for the notice, so that NotificationSent continues it.
            tracing.run("send notice", SpanKind.INTERNAL, TraceContext.parent(n.traceParent, null),
                    Attributes.of(CHANNEL, n.channel), () -> deliver(n));
            forgetRequesterPhone(n);
            deliveries.changed(n);
            return true;
        });
    }

    private void deliver(Notification n) {
        Instant now = Instant.now();
        String to = n.recipientAddress;
        if (Recipient.CITIZEN.name().equals(n.recipientKind)) {
            CitizenContact contact = CitizenContact.findById(n.caseId);
            to = contact == null ? null : contact.phone;
            if (to != null && optedOut(to)) {
                n.status = Notification.Status.SUPPRESSED;
                n.error = "citizen opted out";
                LOG.infof("Case %s: %s notice not sent, the citizen opted out", n.caseCode, eventName(n));
                return;
            }
            // Quiet hours and the rate limit spare people's phones; the console channel only writes a log line.
            if (!n.urgent && to != null && !"CONSOLE".equals(n.channel)) {
                Instant later = notBefore(to, n.channel, now);
                if (later != null) {
                    n.nextAttemptAt = later; // not an attempt: the notice simply waits
                    LOG.debugf("Case %s: %s notice held until %s", n.caseCode, eventName(n), later);
                    return;
                }
            }
        } else if (Recipient.GROUP.name().equals(n.recipientKind) && !n.urgent) {
            // A group's phones ring too: a daily summary waits for the morning, a zone change does not.
            Instant later = quietHoursEnd(now);
            if (later != null) {
                n.nextAttemptAt = later;
                LOG.debugf("%s: %s notice to a group held until %s", n.caseCode, eventName(n), later);
                return;
            }
        }
        NoticeChannel channel = channels.byName(n.channel).orElse(null);
        n.attempts++;
        n.lastAttemptAt = now;
        String error;
        try {
            if (channel == null) {
                throw new DeliveryException("channel " + n.channel + " is not available");
            }
            n.providerId = channel.send(new OutgoingNotice(n.id, n.caseCode, n.subject, to,
                    ReceiptCodes.reveal(n.text, recipientCodeSecret), ReceiptCodes.mask(n.text),
                    n.attachment == null ? null
                            : new OutgoingNotice.Attachment(n.attachmentName, n.attachmentType, n.attachment)));
            n.status = Notification.Status.SENT;
            n.sentAt = Instant.now();
            n.error = null;
            outbox.publish(new NotificationSent(n.caseId, n.caseCode, n.sentAt, n.id, n.sourceEventType,
                    n.recipientKind, n.channel));
            LOG.infof("Case %s: %s notice to %s %s sent via %s (attempt %d)", n.caseCode, eventName(n),
                    n.recipientKind, OutgoingNotice.mask(to), n.channel, n.attempts);
            return;
        } catch (DeliveryException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            // Only the kind: a channel's own message might quote the request.
            error = n.channel + " channel error (" + e.getClass().getSimpleName() + ")";
        }
        n.error = error;
        if (n.attempts < config.retry().maxAttempts() && channel != null) {
            n.nextAttemptAt = Instant.now().plus(backoff(n.attempts));
            LOG.warnf("Case %s: %s notice to %s via %s failed (attempt %d of %d), retrying at %s: %s", n.caseCode,
                    eventName(n), n.recipientKind, n.channel, n.attempts, config.retry().maxAttempts(),
                    n.nextAttemptAt, error);
            return;
        }
        n.status = Notification.Status.FAILED;
        NotificationFailed failed = new NotificationFailed(n.caseId, n.caseCode, Instant.now(), n.id,
                n.sourceEventType, n.recipientKind, n.channel, error);
        UUID failedEventId = outbox.publish(failed);
        LOG.warnf("Case %s: %s notice to %s via %s failed after %d attempts: %s", n.caseCode, eventName(n),
                n.recipientKind, n.channel, n.attempts, error);
        if (!Recipient.OPS.name().equals(n.recipientKind)) {
            notifier.onOwnEvent(failedEventId, EventType.NOTIFICATION_FAILED, failed); // not for ops' own mail: no loop
        }
    }

    /**
     * A web request's phone is needed only to text its code: once the notice is sent or has failed for good, the
     * delivery log keeps it masked, like the logs.
     */
    private static void forgetRequesterPhone(Notification n) {
        if (Recipient.REQUESTER.name().equals(n.recipientKind) && (n.status == Notification.Status.SENT
                || n.status == Notification.Status.FAILED)) {
            n.recipientAddress = OutgoingNotice.mask(n.recipientAddress);
        }
    }

    /** Wait before attempt {@code attempts + 1}: the initial backoff doubled per failure, capped. */
    Duration backoff(int attempts) {
        Duration initial = config.retry().initialBackoff();
        Duration max = config.retry().maxBackoff();
        Duration wait = initial.multipliedBy(1L << Math.min(attempts - 1, 30));
        return wait.isNegative() || wait.compareTo(max) > 0 ? max : wait;
    }

    /** When a non-urgent notice to this phone may go, or null for now: quiet hours, then the rate limit. */
    private Instant notBefore(String phone, String channel, Instant now) {
        Instant end = quietHoursEnd(now);
        if (end != null) {
            return end;
        }
        var limit = config.rateLimit();
        @SuppressWarnings("unchecked")
        List<Object> sent = em.createNativeQuery(SENT_TO_PHONE_SINCE)
                .setParameter(1, phone)
                .setParameter(2, channel)
                .setParameter(3, now.minus(limit.window()))
                .getResultList();
        if (sent.size() < limit.perWindow()) {
            return null;
        }
        // The window frees a slot when the oldest notice in it leaves.
        Instant oldest = SqlValues.instant(sent.get(sent.size() - limit.perWindow()));
        return oldest.plus(limit.window());
    }

    /** The end of the quiet hours when {@code now} is in them, else null. */
    private Instant quietHoursEnd(Instant now) {
        var quiet = config.quietHours();
        return quiet.enabled() ? QuietHours.endIfQuiet(now, quiet.start(), quiet.end(), ZoneId.of(quiet.zone()))
                : null;
    }

    private boolean optedOut(String phone) {
        return optOuts.isOptedOut(phone);
    }

    private static String eventName(Notification n) {
        return EventType.fromCeType(n.sourceEventType).map(EventType::eventName).orElse(n.sourceEventType);
    }
}
