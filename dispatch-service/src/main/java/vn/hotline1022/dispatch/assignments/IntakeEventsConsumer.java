package vn.hotline1022.dispatch.assignments;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import vn.hotline1022.dispatch.zones.WardZone;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.messaging.inbox.Inbox;

/** New cases, escalations and zone colours from intake's topic; each handled once, in the inbox transaction. */
@ApplicationScoped
public class IntakeEventsConsumer {

    private static final Set<EventType> WANTED = Set.of(EventType.CALL_RECEIVED, EventType.CASE_ESCALATED,
            EventType.ZONE_STATUS_CHANGED);

    @Inject
    Inbox inbox;

    @Inject
    Dispatcher dispatcher;

    @Incoming("intake-events")
    @Blocking
    public void onIntakeEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, WANTED, event -> {
            switch (event.type()) {
                case CALL_RECEIVED -> dispatcher.onCallReceived(event.data(CallReceived.class));
                case CASE_ESCALATED -> dispatcher.onCaseEscalated(event.data(CaseEscalated.class));
                case ZONE_STATUS_CHANGED -> WardZone.apply(event.data(ZoneStatusChanged.class));
                default -> {
                }
            }
        });
    }
}
