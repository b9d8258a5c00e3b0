package vn.hotline1022.events;

/** Unchecked, so that a message that cannot be (de)serialised fails the handler and reaches the dead-letter topic. */
public class EventJsonException extends RuntimeException {

    public EventJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
