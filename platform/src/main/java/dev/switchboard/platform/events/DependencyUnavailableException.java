package dev.switchboard.platform.events;

/** Something this service depends on (another service, a broker, a database) cannot answer now; later it may. */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
