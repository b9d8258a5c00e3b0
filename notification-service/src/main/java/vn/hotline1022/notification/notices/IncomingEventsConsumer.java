package vn.hotline1022.notification.notices;

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

/** One channel per upstream topic (each with its own dead-letter topic); the rules decide what is wanted. */
@ApplicationScoped
public class IncomingEventsConsumer {

    private static final Set<EventType> FROM_INTAKE = NoticeRules.consumedFrom(Service.INTAKE);
    private static final Set<EventType> FROM_DISPATCH = NoticeRules.consumedFrom(Service.DISPATCH);
    private static final Set<EventType> FROM_REFERRAL = NoticeRules.consumedFrom(Service.REFERRAL);
    private static final Set<EventType> FROM_RELIEF = NoticeRules.consumedFrom(Service.RELIEF);
    private static final Set<EventType> FROM_OPS = NoticeRules.consumedFrom(Service.OPS);

    @Inject
    Inbox inbox;

    @Inject
    Notifier notifier;

    @Incoming("intake-events")
    @Blocking
    public CompletionStage<Void> onIntakeEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, FROM_INTAKE, notifier::on);
    }

    @Incoming("dispatch-events")
    @Blocking
    public CompletionStage<Void> onDispatchEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, FROM_DISPATCH, notifier::on);
    }

    @Incoming("referral-events")
    @Blocking
    public CompletionStage<Void> onReferralEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, FROM_REFERRAL, notifier::on);
    }

    @Incoming("relief-events")
    @Blocking
    public CompletionStage<Void> onReliefEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, FROM_RELIEF, notifier::on);
    }

    @Incoming("ops-events")
    @Blocking
    public CompletionStage<Void> onOpsEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, FROM_OPS, notifier::onOpsAlert);
    }
}
