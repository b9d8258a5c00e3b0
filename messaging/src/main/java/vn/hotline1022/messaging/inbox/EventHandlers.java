package vn.hotline1022.messaging.inbox;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import vn.hotline1022.events.EventType;
import vn.hotline1022.events.HotlineEvent;

/**
 * A consumer's handlers, one per event class, declared once: the events it wants and what it does with each come from
 * the same registration (no separate "wanted" set to keep in step with a switch).
 *
 * <pre>
 * private final EventHandlers handlers = EventHandlers.create()
 *         .on(CallReceived.class, dispatcher::onCallReceived)
 *         .on(CaseEscalated.class, dispatcher::onCaseEscalated);
 *
 * inbox.process(record, handlers);
 * </pre>
 */
public final class EventHandlers {

    /** What a consumer does with one event's data, inside the inbox transaction. */
    @FunctionalInterface
    public interface Handler<T extends HotlineEvent> {
        void handle(T data) throws Exception;
    }

    private final Map<EventType, EventHandler> byType = new EnumMap<>(EventType.class);

    private EventHandlers() {
    }

    public static EventHandlers create() {
        return new EventHandlers();
    }

    /** Handles events of {@code eventClass}; a class registered twice is a programming error. */
    public <T extends HotlineEvent> EventHandlers on(Class<T> eventClass, Handler<? super T> handler) {
        EventType type = EventType.of(eventClass);
        if (byType.putIfAbsent(type, event -> handler.handle(event.data(eventClass))) != null) {
            throw new IllegalArgumentException(eventClass.getSimpleName() + " has a handler already");
        }
        return this;
    }

    /** The event types this consumer handles; others on the topic are acknowledged and left alone. */
    public Set<EventType> wanted() {
        return Collections.unmodifiableSet(byType.keySet());
    }

    void handle(ReceivedEvent event) throws Exception {
        byType.get(event.type()).handle(event);
    }
}
