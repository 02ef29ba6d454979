package dev.switchboard.invocation.mcp;

/** Why a network transport's connection ended, once: the first reason wins and is told to the session once. */
final class ConnectionLoss {

    private String reason;

    synchronized boolean happened() {
        return reason != null;
    }

    synchronized String describe() {
        return reason == null ? "the connection was lost" : "the connection was lost: " + reason;
    }

    void lost(String why, UpstreamTransport.Inbound inbound) {
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
        }
        if (inbound != null) {
            inbound.closed(why);
        }
    }
}
