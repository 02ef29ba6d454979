package dev.switchboard.platform.events;

/** A consumer gave up waiting for its infrastructure; its channel ends and the service stops being live. */
public class ConsumerStoppedException extends RuntimeException {

    public ConsumerStoppedException(String consumer, Throwable cause) {
        super("consumer " + consumer + " stopped: " + ConsumerGuard.reason(cause), cause);
    }
}
