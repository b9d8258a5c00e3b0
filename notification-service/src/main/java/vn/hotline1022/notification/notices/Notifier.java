package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.intake.DailySummaryIssued;
import vn.hotline1022.events.intake.PhoneConfirmationRequested;
import vn.hotline1022.events.intake.WeeklyReportIssued;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.notification.channels.OutgoingNotice;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;
import vn.hotline1022.messaging.inbox.ReceivedEvent;
import vn.hotline1022.notification.NotificationConfig;
import vn.hotline1022.notification.NotificationConfig.Contact;
import vn.hotline1022.notification.channels.Channels;
import vn.hotline1022.notification.contacts.CitizenContact;
import vn.hotline1022.notification.notices.NoticeRules.Recipient;
import vn.hotline1022.notification.notices.NoticeRules.Rule;

/**
 * Turns events into notices: keeps the citizen's contact from CallReceived, decides the recipients the rules ask for,
 * renders each notice and records it in the delivery log as PENDING — one row per event × recipient × channel, so a
 * redelivered event records nothing new. Everything here runs in the inbox transaction of the event and calls no
 * provider: {@link NoticeSender} sends once the transaction has committed, so a slow gateway never holds a consumer.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);

    @Inject
    AdvisoryLocks locks;

    @Inject
    EntityManager em;

    @Inject
    NoticeTexts texts;

    @Inject
    Channels channels;

    @Inject
    Deliveries deliveries;

    @Inject
    NotificationConfig config;

    /** Runs inside the inbox transaction of {@code received}. */
    public void on(ReceivedEvent received) {
        if (received.data() instanceof WeeklyReportIssued || received.data() instanceof PhoneConfirmationRequested
                || received.data() instanceof DailySummaryIssued || received.data() instanceof ZoneStatusChanged) {
            // No case: officials get the report, the web request's phone its code, groups the summary or zone.
            onOwnEvent(received.id(), received.type(), SubjectNotice.of(received.data()));
            return;
        }
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
        CitizenContact contact = CitizenContact.findById(event.caseId());
        Set<Recipient> now = EnumSet.copyOf(rule.recipients());
        if (contact == null && now.remove(Recipient.CITIZEN)) {
            keepPending(received, event);
        }
        notify(rule, received.id(), event, contact, now);
        if (event instanceof CallReceived) {
            releasePending(contact);
        }
    }

    /** An ops alert raised or resolved (ops-service): the on-call ops are told, nobody else. */
    public void onOpsAlert(ReceivedEvent received) {
        onOwnEvent(received.id(), received.type(), SubjectNotice.of(received.data()));
    }

    /**
     * An event with no citizen to tell — one this service published itself (NotificationFailed, inside the
     * transaction that published it), an ops alert, a weekly report: the rule's other recipients are told.
     */
    public void onOwnEvent(UUID eventId, EventType type, CaseEvent event) {
        NoticeRules.forType(type).ifPresent(rule -> {
            Set<Recipient> whom = EnumSet.copyOf(rule.recipients());
            whom.remove(Recipient.CITIZEN); // no citizen's contact here
            notify(rule, eventId, event, null, whom);
        });
    }

    private void lockCase(UUID caseId) {
        locks.lock(LockSpace.NOTIFICATION_CASE, caseId.toString());
    }

    private void keepContact(CallReceived call) {
        if (CitizenContact.findById(call.caseId()) != null) {
            return; // the first call of a case decides how to reach the citizen
        }
        CitizenContact c = new CitizenContact();
        c.caseId = call.caseId();
        c.caseCode = call.caseCode();
        c.phone = call.caller() == null ? null : call.caller().phone();
        c.name = call.caller() == null ? null : call.caller().name();
        c.language = config.defaultLanguage();
        c.receivedAt = call.occurredAt();
        if (call.location() != null) {
            c.provinceCode = call.location().provinceCode();
            c.districtCode = call.location().districtCode();
        }
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

    /** Records the citizen's notices that waited for this contact, in the order they happened, after the call's. */
    private void releasePending(CitizenContact contact) {
        for (PendingNotice p : PendingNotice.forCase(contact.caseId)) {
            EventType type = EventType.fromCeType(p.sourceEventType)
                    .orElseThrow(() -> new IllegalStateException("Unknown pending type " + p.sourceEventType));
            CaseEvent event = (CaseEvent) EventJson.fromJson(p.payload, type);
            NoticeRules.forType(type).ifPresent(
                    rule -> notify(rule, p.sourceEventId, event, contact, EnumSet.of(Recipient.CITIZEN)));
            p.delete();
        }
    }

    private void notify(Rule rule, UUID sourceEventId, CaseEvent event, CitizenContact contact, Set<Recipient> whom) {
        EventType type = rule.type();
        for (Recipient recipient : whom) {
            switch (recipient) {
                case CITIZEN -> {
                    String text = texts.render(type, Recipient.CITIZEN, contact.language, rule.values().apply(event));
                    for (String channel : channels.citizenChannels()) {
                        if (!acknowledgedWhereAsked(event, channel)) {
                            deliveries.record(sourceEventId, type, event, recipient, "", channel, rule.urgent(), null,
                                    text);
                        }
                    }
                }
                case OFFICIAL -> {
                    String district = rule.district().apply(event);
                    List<String> mailboxes = district == null ? List.of()
                            : config.officials().getOrDefault(district, List.of());
                    if (mailboxes.isEmpty()) {
                        LOG.debugf("Case %s: no officials configured for district %s", event.caseCode(), district);
                    }
                    email(rule, sourceEventId, event, recipient, mailboxes);
                }
                case OPS -> email(rule, sourceEventId, event, recipient, config.opsEmails().orElse(List.of()));
                case HOSPITAL -> {
                    Contact hospital = contact(config.hospitals(), rule, event, recipient);
                    if (hospital != null) {
                        email(rule, sourceEventId, event, recipient, hospital.email().map(List::of).orElse(List.of()));
                        hospital.phone().ifPresent(phone -> sms(rule, sourceEventId, event, recipient, phone));
                    }
                }
                case REQUESTER -> {
                    String phone = ((PhoneConfirmationRequested) ((SubjectNotice) event).event()).phone();
                    String text = texts.render(type, recipient, config.defaultLanguage(), rule.values().apply(event));
                    for (String channel : channels.citizenChannels()) {
                        deliveries.record(sourceEventId, type, event, recipient, phone, channel, rule.urgent(), null,
                                text);
                    }
                }
                case GROUP -> GroupBroadcasts.placeOf(event).ifPresent(place -> {
                    String text = texts.render(type, recipient, config.staffLanguage(), rule.values().apply(event));
                    for (String group : GroupBroadcasts.groupsFor(config.groups(), place)) {
                        deliveries.record(sourceEventId, type, event, recipient, group,
                                config.groups().get(group).channel().name(), rule.urgent(), null, text);
                    }
                });
                case TEAM -> {
                    Contact team = contact(config.teams(), rule, event, recipient);
                    if (team != null) {
                        team.phone().ifPresent(phone -> sms(rule, sourceEventId, event, recipient, phone));
                    }
                }
            }
        }
    }

    /**
     * A case opened by a text or a Zalo message was acknowledged, with its code, by intake's answer on that very
     * channel: the same acknowledgement again would be a second message saying the same.
     */
    private static boolean acknowledgedWhereAsked(CaseEvent event, String channel) {
        return event instanceof CallReceived call && call.channel() != null
                && (call.channel() == ContactChannel.SMS || call.channel() == ContactChannel.ZALO)
                && call.channel().name().equals(channel);
    }

    /** The configured contact of the event's hospital or team, or null (not listed, or no address at all). */
    private static Contact contact(Map<String, Contact> directory, Rule rule, CaseEvent event, Recipient recipient) {
        String code = rule.code().apply(event);
        Contact c = code == null ? null : directory.get(code.strip());
        if (c == null || (blank(c.email()) && blank(c.phone()))) {
            LOG.debugf("Case %s: no %s contact configured for code %s", event.caseCode(),
                    recipient.name().toLowerCase(), code);
            return null;
        }
        return c;
    }

    private static boolean blank(Optional<String> address) {
        return address.filter(a -> !a.isBlank()).isEmpty();
    }

    /** A staff SMS (hospital, team): straight to the configured number, never held by citizens' quiet hours. */
    private void sms(Rule rule, UUID sourceEventId, CaseEvent event, Recipient recipient, String phone) {
        if (phone.isBlank()) {
            return;
        }
        String text = texts.render(rule.type(), recipient, config.staffLanguage(), rule.values().apply(event));
        deliveries.record(sourceEventId, rule.type(), event, recipient, phone.strip(), Channels.SMS, rule.urgent(),
                null, text);
    }

    private void email(Rule rule, UUID sourceEventId, CaseEvent event, Recipient recipient, List<String> mailboxes) {
        if (mailboxes.isEmpty()) {
            return;
        }
        String text = texts.render(rule.type(), recipient, config.staffLanguage(), rule.values().apply(event));
        String subject = "[1022] " + event.caseCode() + " – " + rule.type().eventName();
        OutgoingNotice.Attachment attachment = rule.attachment().apply(event);
        for (String mailbox : mailboxes.stream().map(String::strip).filter(m -> !m.isEmpty()).distinct().toList()) {
            Notification n = deliveries.record(sourceEventId, rule.type(), event, recipient, mailbox, Channels.EMAIL,
                    rule.urgent(), subject, text);
            if (n != null && attachment != null) {
                n.attachmentName = attachment.name();
                n.attachmentType = attachment.contentType();
                n.attachment = attachment.content();
            }
        }
    }
}
