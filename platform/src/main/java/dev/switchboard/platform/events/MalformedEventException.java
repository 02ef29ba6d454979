package dev.switchboard.platform.events;

/** A record that is not a CloudEvent this platform can read; consumers skip it rather than block on it. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message, null, false, false);
    }
}
