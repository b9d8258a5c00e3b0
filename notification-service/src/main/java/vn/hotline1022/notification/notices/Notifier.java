package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.notification.NotificationFailed;
import vn.hotline1022.events.notification.NotificationSent;
import vn.hotline1022.messaging.inbox.ReceivedEvent;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.notification.NotificationConfig;
import vn.hotline1022.notification.channels.DeliveryException;
import vn.hotline1022.notification.channels.NoticeChannel;
import vn.hotline1022.notification.channels.OutgoingNotice;
import vn.hotline1022.notification.contacts.CaseContact;
import vn.hotline1022.notification.notices.NoticeRules.Recipient;
import vn.hotline1022.notification.notices.NoticeRules.Rule;

/**
 * Turns events into notices: keeps the citizen's contact from CallReceived, renders the notice the rules ask for,
 * claims its delivery-log row, sends it and records the outcome (NotificationSent / NotificationFailed).
 *
 * <p>Everything runs in the inbox transaction of the event. The delivery-log row is claimed (unique per source event,
 * recipient and channel) before the channel is called, so a redelivered event, or the same event on another
 * instance, never sends twice. A send that fails is recorded FAILED and not retried automatically: NotificationFailed
 * tells intake, whose agent can call the citizen back. The one window for a repeat is a crash between the gateway
 * accepting and the commit (at-least-once, as for every external call).
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);

    /** Advisory-lock class id of per-case locks; the messaging library uses 1022 for its relay buckets. */
    private static final int CASE_LOCK_CLASS = 1028;

    /** clock_timestamp(), not now(): notices claimed in one transaction (released pending ones) keep their order. */
    private static final String CLAIM = """
            insert into notification (id, case_id, case_code, source_event_id, source_event_type, recipient_kind,
                                      channel, status, attempts, text, created_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'SENDING', 0, ?8, clock_timestamp())
            on conflict (source_event_id, recipient_kind, channel) do nothing
            """;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    NoticeTexts texts;

    @Inject
    NoticeChannel citizenChannel;

    @Inject
    NotificationConfig config;

    /** Runs inside the inbox transaction of {@code received}. */
    public void on(ReceivedEvent received) {
        if (!(received.data() instanceof CaseEvent event)) {
            return;
        }
        // Topics are consumed concurrently: without this, a TeamDispatched kept pending and the CallReceived that
        // should release it could each miss the other's uncommitted row.
        lockCase(event.caseId());
        if (event instanceof CallReceived call) {
            keepContact(call);
        }
        Rule rule = NoticeRules.forType(received.type()).orElse(null);
        if (rule == null) {
            return;
        }
        CaseContact contact = CaseContact.findById(event.caseId());
        if (contact == null) {
            keepPending(received, event);
            return;
        }
        notify(rule, received.id(), event, contact);
        if (event instanceof CallReceived) {
            releasePending(contact);
        }
    }

    private void lockCase(UUID caseId) {
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(?1, hashtext(?2))")
                .setParameter(1, CASE_LOCK_CLASS)
                .setParameter(2, caseId.toString())
                .getSingleResult();
    }

    private void keepContact(CallReceived call) {
        if (CaseContact.findById(call.caseId()) != null) {
            return; // the first call of a case decides how to reach the citizen
        }
        CaseContact c = new CaseContact();
        c.caseId = call.caseId();
        c.caseCode = call.caseCode();
        c.phone = call.caller() == null ? null : call.caller().phone();
        c.name = call.caller() == null ? null : call.caller().name();
        c.language = config.defaultLanguage();
        c.receivedAt = call.occurredAt();
        c.persist();
    }

    private void keepPending(ReceivedEvent received, CaseEvent event) {
        PendingNotice p = new PendingNotice();
        p.sourceEventId = received.id();
        p.caseId = event.caseId();
        p.caseCode = event.caseCode();
        p.sourceEventType = received.type().ceType();
        p.payload = EventJson.toJson(event);
        p.occurredAt = event.occurredAt();
        p.receivedAt = Instant.now();
        p.persist();
        LOG.infof("Case %s: %s kept until the caller's contact arrives", event.caseCode(), received.type().eventName());
    }

    /** Sends what waited for this contact, in the order it happened; after the acknowledgement of the call. */
    private void releasePending(CaseContact contact) {
        for (PendingNotice p : PendingNotice.forCase(contact.caseId)) {
            EventType type = EventType.fromCeType(p.sourceEventType)
                    .orElseThrow(() -> new IllegalStateException("Unknown pending type " + p.sourceEventType));
            CaseEvent event = (CaseEvent) EventJson.fromJson(p.payload, type);
            NoticeRules.forType(type).ifPresent(rule -> notify(rule, p.sourceEventId, event, contact));
            p.delete();
        }
    }

    private void notify(Rule rule, UUID sourceEventId, CaseEvent event, CaseContact contact) {
        for (Recipient recipient : rule.recipients()) {
            // CITIZEN is the only recipient so far; teams and hospitals get their own channels later.
            NoticeChannel channel = citizenChannel;
            String text = texts.render(rule.type(), contact.language, rule.values().apply(event));
            Notification n = claim(sourceEventId, rule.type(), event, recipient, channel.name(), text);
            if (n == null) {
                LOG.debugf("Case %s: %s notice already handled", event.caseCode(), rule.type().eventName());
                continue;
            }
            send(n, channel, contact.phone, rule.type());
        }
    }

    /** @return the claimed row, or null when this event already has one for this recipient and channel */
    private Notification claim(UUID sourceEventId, EventType type, CaseEvent event, Recipient recipient,
            String channel, String text) {
        UUID id = UUID.randomUUID();
        int claimed = em.createNativeQuery(CLAIM)
                .setParameter(1, id)
                .setParameter(2, event.caseId())
                .setParameter(3, event.caseCode())
                .setParameter(4, sourceEventId)
                .setParameter(5, type.ceType())
                .setParameter(6, recipient.name())
                .setParameter(7, channel)
                .setParameter(8, text)
                .executeUpdate();
        return claimed == 0 ? null : Notification.findById(id);
    }

    private void send(Notification n, NoticeChannel channel, String phone, EventType type) {
        n.attempts++;
        String error;
        try {
            n.providerId = channel.send(new OutgoingNotice(n.id, n.caseCode, phone, n.text));
            n.status = Notification.Status.SENT;
            n.sentAt = Instant.now();
            outbox.publish(new NotificationSent(n.caseId, n.caseCode, n.sentAt, n.id, n.sourceEventType,
                    n.recipientKind, n.channel));
            LOG.infof("Case %s: %s notice to %s sent via %s", n.caseCode, type.eventName(), n.recipientKind, n.channel);
            return;
        } catch (DeliveryException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            // Only the kind: a channel's own message might quote the request.
            error = n.channel + " channel error (" + e.getClass().getSimpleName() + ")";
        }
        n.status = Notification.Status.FAILED;
        n.error = error;
        outbox.publish(new NotificationFailed(n.caseId, n.caseCode, Instant.now(), n.id, n.sourceEventType,
                n.recipientKind, n.channel, error));
        LOG.warnf("Case %s: %s notice to %s via %s failed: %s", n.caseCode, type.eventName(), n.recipientKind,
                n.channel, error);
    }
}
