package dev.switchboard.invocation.mcp;

/** A transport that can tell, without a round trip, that its connection is gone, and why. */
public interface Supervised {

    boolean alive();

    /** Why the connection is gone, in words for operators; asked once {@link #alive()} is false. */
    String lossReason();
}
