package vn.hotline1022.relief.deliveries;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.inbox.EventHandlers;
import vn.hotline1022.messaging.inbox.Inbox;

@ApplicationScoped
public class IntakeEventsConsumer {

    @Inject
    Inbox inbox;

    @Inject
    Allocator allocator;

    @Incoming("intake-events")
    @Blocking
    public void onIntakeEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, EventHandlers.create().on(CallReceived.class, allocator::onCallReceived));
    }
}
