package vn.hotline1022.referral.referrals;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.messaging.inbox.EventHandlers;
import vn.hotline1022.messaging.inbox.Inbox;

/**
 * A bed is looked for when a caller asks for admission, or when the field team says the patient needs a hospital; a
 * patient handed over by the transport team is admitted.
 */
@ApplicationScoped
public class IncomingEventsConsumer {

    @Inject
    Inbox inbox;

    @Inject
    Referrer referrer;

    @Inject
    Admissions admissions;

    @Incoming("intake-events")
    @Blocking
    public CompletionStage<Void> onIntakeEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, EventHandlers.create()
                .on(CallReceived.class, referrer::onCallReceived)
                .on(CaseNeedsChanged.class, referrer::onCaseNeedsChanged));
    }

    @Incoming("dispatch-events")
    @Blocking
    public CompletionStage<Void> onDispatchEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, EventHandlers.create()
                .on(DispatchCompleted.class, referrer::onDispatchCompleted)
                .on(PatientHandedOver.class, admissions::onPatientHandedOver));
    }
}
