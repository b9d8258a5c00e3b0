package vn.hotline1022.messaging.inbox;

/** A consumer's reaction to one event; it runs inside the inbox transaction, at most once per event id. */
@FunctionalInterface
public interface EventHandler {
    void handle(ReceivedEvent event) throws Exception;
}
