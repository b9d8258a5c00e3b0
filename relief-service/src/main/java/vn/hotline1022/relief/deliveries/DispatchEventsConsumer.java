package vn.hotline1022.relief.deliveries;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.messaging.inbox.EventHandlers;
import vn.hotline1022.messaging.inbox.Inbox;

/** Needs the field team found on site (cần hỗ trợ sau khi khám): relief decided as for a call. */
@ApplicationScoped
public class DispatchEventsConsumer {

    @Inject
    Inbox inbox;

    @Inject
    Allocator allocator;

    @Incoming("dispatch-events")
    @Blocking
    public void onDispatchEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, EventHandlers.create().on(DispatchCompleted.class, allocator::onDispatchCompleted));
    }
}
