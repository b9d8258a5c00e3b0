package vn.hotline1022.ops.signals;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.notification.NotificationFailed;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralWaiting;
import vn.hotline1022.messaging.inbox.EventHandlers;
import vn.hotline1022.messaging.inbox.Inbox;

/** One channel per upstream topic (hotline.messaging.consumes), each with its own DLQ. */
@ApplicationScoped
public class IncomingEventsConsumer {

    @Inject
    Inbox inbox;

    @Inject
    AlertSignals signals;

    @Incoming("intake-events")
    @Blocking
    public CompletionStage<Void> onIntakeEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, EventHandlers.create()
                .on(CallReceived.class, signals::onCallReceived)
                .on(CaseEscalated.class, signals::onCaseEscalated));
    }

    @Incoming("referral-events")
    @Blocking
    public CompletionStage<Void> onReferralEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, EventHandlers.create()
                .on(ReferralExpired.class, signals::onReferralExpired)
                .on(ReferralWaiting.class, signals::onReferralWaiting)
                .on(PatientReferred.class, signals::onPatientReferred));
    }

    @Incoming("notification-events")
    @Blocking
    public CompletionStage<Void> onNotificationEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, EventHandlers.create().on(NotificationFailed.class, signals::onNotificationFailed));
    }
}
