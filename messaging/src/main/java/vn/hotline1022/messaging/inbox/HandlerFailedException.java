package vn.hotline1022.messaging.inbox;

/** A handler kept failing for every attempt; the message goes to the dead-letter topic with this as the reason. */
public class HandlerFailedException extends RuntimeException {
    public HandlerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
