package vn.hotline1022.dispatch.assignments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import vn.hotline1022.dispatch.contacts.CaseContacts;
import vn.hotline1022.dispatch.transports.Transports;
import vn.hotline1022.dispatch.zones.WardZone;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.intake.CaseHandedBack;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.messaging.inbox.EventHandlers;
import vn.hotline1022.messaging.inbox.Inbox;

/**
 * New cases, escalations, added needs, officials' hand-backs and zone colours from intake's topic, accepted referrals
 * (a patient to take to hospital) from referral's; each handled once, in the inbox transaction.
 */
@ApplicationScoped
public class IncomingEventsConsumer {

    @Inject
    Inbox inbox;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Transports transports;

    @Inject
    HandBacks handBacks;

    @Inject
    CaseContacts contacts;

    @Incoming("intake-events")
    @Blocking
    public void onIntakeEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, EventHandlers.create()
                .on(CallReceived.class, e -> {
                    contacts.onCallReceived(e);
                    dispatcher.onCallReceived(e);
                })
                .on(CaseEscalated.class, e -> {
                    contacts.onCaseEscalated(e);
                    dispatcher.onCaseEscalated(e);
                })
                .on(CaseNeedsChanged.class, e -> {
                    contacts.onCaseNeedsChanged(e);
                    dispatcher.onCaseNeedsChanged(e);
                })
                .on(CaseHandedBack.class, handBacks::onCaseHandedBack)
                .on(ZoneStatusChanged.class, WardZone::apply));
    }

    @Incoming("referral-events")
    @Blocking
    public void onReferralEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, EventHandlers.create().on(ReferralAccepted.class, transports::onReferralAccepted));
    }
}
