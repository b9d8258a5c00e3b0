package vn.hotline1022.notification.channels;

/**
 * A way of reaching a recipient. Implementations bound their own waiting: a sender holds the notice's row lock while
 * it calls them.
 */
public interface NoticeChannel {

    /** Stored in the delivery log and in NotificationSent, e.g. {@code SMS}. */
    String name();

    /**
     * @return the provider's id for the message, or null when it gives none
     * @throws DeliveryException when the notice did not go out; the message is safe to show to agents
     */
    String send(OutgoingNotice notice) throws DeliveryException;
}
