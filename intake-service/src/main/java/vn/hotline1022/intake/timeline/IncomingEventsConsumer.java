package vn.hotline1022.intake.timeline;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Service;
import vn.hotline1022.messaging.inbox.Inbox;

/** Reads every downstream service's topic into the case timeline. */
@ApplicationScoped
public class IncomingEventsConsumer {

    private static final Set<EventType> DISPATCH = TimelineRecorder.publishedBy(Service.DISPATCH);
    private static final Set<EventType> REFERRAL = TimelineRecorder.publishedBy(Service.REFERRAL);
    private static final Set<EventType> RELIEF = TimelineRecorder.publishedBy(Service.RELIEF);
    private static final Set<EventType> NOTIFICATION = TimelineRecorder.publishedBy(Service.NOTIFICATION);

    @Inject
    Inbox inbox;

    @Inject
    TimelineRecorder recorder;

    @Incoming("dispatch-events")
    @Blocking
    public void onDispatchEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, DISPATCH, recorder::record);
    }

    @Incoming("referral-events")
    @Blocking
    public void onReferralEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, REFERRAL, recorder::record);
    }

    @Incoming("relief-events")
    @Blocking
    public void onReliefEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, RELIEF, recorder::record);
    }

    @Incoming("notification-events")
    @Blocking
    public void onNotificationEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, NOTIFICATION, recorder::record);
    }
}
