package vn.hotline1022.notification.channels;

/**
 * A channel could not deliver. The message ends up in the delivery log and in NotificationFailed, which agents read:
 * it must never contain the notice text or the phone number (a gateway's answer may echo both, so it is not quoted).
 */
public class DeliveryException extends Exception {
    public DeliveryException(String message) {
        super(message);
    }
}
