package vn.hotline1022.messaging.inbox;

/**
 * What a service does after each event of a batch has been handled, inside the batch's transaction. A service with
 * an ORM flushes and empties its persistence context here (messaging-orm's {@code OrmBetweenEvents}): otherwise every
 * query of the batch's later events dirty-checks every entity the earlier ones loaded, and a batch of a hundred events
 * costs quadratically. Beans of this type are optional; a service without one does nothing between events.
 */
public interface BetweenEvents {

    /** Called after each event's handler returned, before the next event of the same transaction. */
    void afterEvent();
}
