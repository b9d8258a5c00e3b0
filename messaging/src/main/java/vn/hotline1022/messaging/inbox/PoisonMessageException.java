package vn.hotline1022.messaging.inbox;

/**
 * A message that can never be handled (no CloudEvents headers, unknown type, data that is not the contract's JSON).
 * It goes to the dead-letter topic at once: retrying cannot help.
 */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
