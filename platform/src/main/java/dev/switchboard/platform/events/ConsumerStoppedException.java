package dev.switchboard.platform.events;

/**
 * A consumer does not go on, because its infrastructure stayed away for too long or because its service is stopping:
 * the record at hand is neither processed nor parked, and its channel ends without committing it.
 */
public class ConsumerStoppedException extends RuntimeException {

    public ConsumerStoppedException(String consumer, Throwable cause) {
        this(consumer, ConsumerGuard.reason(cause), cause);
    }

    public ConsumerStoppedException(String consumer, String why, Throwable cause) {
        super("consumer " + consumer + " stopped: " + why, cause);
    }
}
