package dev.switchboard.model.event;

import java.util.List;

/** Kafka topic names of DESIGN §3, by producer. */
public final class Topics {

    public static final String REGISTRY = "switchboard.registry";
    public static final String CONNECTIONS = "switchboard.connections";
    public static final String INVOCATIONS = "switchboard.invocations";
    public static final String WEBHOOKS = "switchboard.webhooks";
    /** Records that a consumer could not read, kept for inspection instead of blocking the partition. */
    public static final String DEAD_LETTER = "switchboard.dead-letter";

    /** The topics that carry events; consumers of "every event" subscribe to these. */
    public static final List<String> EVENT_TOPICS = List.of(REGISTRY, CONNECTIONS, INVOCATIONS, WEBHOOKS);

    /** Every topic the platform needs, created by the local stack and by the Kubernetes manifests. */
    public static final List<String> ALL = List.of(REGISTRY, CONNECTIONS, INVOCATIONS, WEBHOOKS, DEAD_LETTER);

    private Topics() {
    }
}
