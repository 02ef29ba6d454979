package dev.switchboard.platform.net;

/** The outbound URL policy refused to connect to a host, or the host does not resolve. */
public class RefusedAddressException extends RuntimeException {

    private final boolean unresolvable;

    public RefusedAddressException(String message, boolean unresolvable) {
        super(message, null, false, false);
        this.unresolvable = unresolvable;
    }

    /** The name does not resolve at all, rather than to a forbidden address. */
    public boolean unresolvable() {
        return unresolvable;
    }
}
