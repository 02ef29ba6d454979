package dev.switchboard.invocation.mcp;

/** A transport that can tell, without a round trip, that its connection is gone. */
public interface Supervised {

    boolean alive();
}
