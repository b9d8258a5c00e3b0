package vn.hotline1022.referral.referrals;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.inbox.Inbox;

/** A bed is looked for when a caller asks for admission, or when the field team says the patient needs a hospital. */
@ApplicationScoped
public class IncomingEventsConsumer {

    @Inject
    Inbox inbox;

    @Inject
    Referrer referrer;

    @Incoming("intake-events")
    @Blocking
    public void onIntakeEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, Set.of(EventType.CALL_RECEIVED),
                event -> referrer.onCallReceived(event.data(CallReceived.class)));
    }

    @Incoming("dispatch-events")
    @Blocking
    public void onDispatchEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, Set.of(EventType.DISPATCH_COMPLETED),
                event -> referrer.onDispatchCompleted(event.data(DispatchCompleted.class)));
    }
}
