package vn.hotline1022.referral.referrals;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
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
    public void onIntakeEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, EventHandlers.create()
                .on(CallReceived.class, referrer::onCallReceived)
                .on(CaseNeedsChanged.class, referrer::onCaseNeedsChanged));
    }

    @Incoming("dispatch-events")
    @Blocking
    public void onDispatchEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, EventHandlers.create()
                .on(DispatchCompleted.class, referrer::onDispatchCompleted)
                .on(PatientHandedOver.class, admissions::onPatientHandedOver));
    }
}
