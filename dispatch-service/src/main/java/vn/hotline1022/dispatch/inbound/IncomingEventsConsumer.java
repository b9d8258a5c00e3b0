package vn.hotline1022.dispatch.inbound;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import vn.hotline1022.dispatch.assignments.Dispatcher;
import vn.hotline1022.dispatch.assignments.HandBacks;
import vn.hotline1022.dispatch.contacts.HouseholdContacts;
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
 * The service's wiring to the topics it reads (a package of its own: it reaches every feature, none reaches it). New
 * cases, escalations, added needs, officials' hand-backs and zone colours from intake's topic, accepted referrals
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
    HouseholdContacts contacts;

    @Incoming("intake-events")
    @Blocking
    public CompletionStage<Void> onIntakeEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, intakeHandlers());
    }

    /** What dispatch does with each of intake's events (tests feed records through it concurrently). */
    public EventHandlers intakeHandlers() {
        return EventHandlers.create()
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
                .on(ZoneStatusChanged.class, WardZone::apply);
    }

    @Incoming("referral-events")
    @Blocking
    public CompletionStage<Void> onReferralEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, EventHandlers.create().on(ReferralAccepted.class, transports::onReferralAccepted));
    }
}
