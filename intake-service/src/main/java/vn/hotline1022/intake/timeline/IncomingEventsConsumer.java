package vn.hotline1022.intake.timeline;

import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
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
    public CompletionStage<Void> onDispatchEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, DISPATCH, recorder::record);
    }

    @Incoming("referral-events")
    @Blocking
    public CompletionStage<Void> onReferralEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, REFERRAL, recorder::record);
    }

    @Incoming("relief-events")
    @Blocking
    public CompletionStage<Void> onReliefEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, RELIEF, recorder::record);
    }

    @Incoming("notification-events")
    @Blocking
    public CompletionStage<Void> onNotificationEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, NOTIFICATION, recorder::record);
    }
}
