package vn.hotline1022.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import vn.hotline1022.events.EventType;
import vn.hotline1022.events.intake.CaseReopened;
import vn.hotline1022.events.intake.CaseResolved;

class EventHandlersTest {

    @Test
    void theWantedEventsAreTheRegisteredOnesAndEachGoesToItsHandler() throws Exception {
        List<String> seen = new ArrayList<>();
        EventHandlers handlers = EventHandlers.create()
                .on(CaseReopened.class, e -> seen.add("reopened " + e.reason()))
                .on(CaseResolved.class, e -> seen.add("resolved " + e.note()));
        assertThat(handlers.wanted()).containsExactlyInAnyOrder(EventType.CASE_REOPENED, EventType.CASE_RESOLVED);

        handlers.handle(received(EventType.CASE_RESOLVED,
                new CaseResolved(UUID.randomUUID(), "BD-1", Instant.now(), "CITIZEN", "helped")));
        handlers.handle(received(EventType.CASE_REOPENED,
                new CaseReopened(UUID.randomUUID(), "BD-1", Instant.now(), "not helped")));
        assertThat(seen).containsExactly("resolved helped", "reopened not helped");
    }

    @Test
    void anEventClassHasOneHandler() {
        assertThatThrownBy(() -> EventHandlers.create().on(CaseReopened.class, e -> {
        }).on(CaseReopened.class, e -> {
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CaseReopened");
    }

    private static ReceivedEvent received(EventType type, vn.hotline1022.events.HotlineEvent data) {
        return new ReceivedEvent(UUID.randomUUID(), type, type.source(), Instant.now(), "key", data, type.topic(), 0,
                0L);
    }
}
