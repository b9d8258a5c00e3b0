package vn.hotline1022.relief.deliveries;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseHandedBack;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.messaging.inbox.EventHandlers;
import vn.hotline1022.messaging.inbox.Inbox;
import vn.hotline1022.relief.zones.WardZones;

/**
 * Relief's events in: a call's relief needs, the needs a field team found on site (cần hỗ trợ sau khi khám), and those
 * an official handed back after verifying the case, each decided as for a call. One channel per upstream topic
 * (hotline.messaging.consumes), each with its own DLQ.
 */
@ApplicationScoped
public class IncomingEventsConsumer {

    @Inject
    Inbox inbox;

    @Inject
    Allocator allocator;

    @Inject
    WardZones wardZones;

    @Incoming("intake-events")
    @Blocking
    public CompletionStage<Void> onIntakeEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, EventHandlers.create()
                .on(CallReceived.class, allocator::onCallReceived)
                .on(CaseNeedsChanged.class, allocator::onCaseNeedsChanged)
                .on(CaseHandedBack.class, allocator::onCaseHandedBack)
                .on(ZoneStatusChanged.class, wardZones::apply));
    }

    @Incoming("dispatch-events")
    @Blocking
    public CompletionStage<Void> onDispatchEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, EventHandlers.create().on(DispatchCompleted.class, allocator::onDispatchCompleted));
    }
}
