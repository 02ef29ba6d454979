-- A subscription: where to POST which event types of one tenant (tenant_id NULL: an admin's, for every tenant).
CREATE TABLE webhook_subscription (
    id            uuid        PRIMARY KEY,
    tenant_id     text,
    url           text        NOT NULL,
    event_types   text[]      NOT NULL,
    description   text,
    secret_sealed text        NOT NULL,
    enabled       boolean     NOT NULL DEFAULT true,
    created_by    text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX webhook_subscription_tenant_idx ON webhook_subscription (tenant_id) WHERE enabled;

-- One row per (subscription, event): written once when the event arrives, then updated by each delivery attempt.
CREATE TABLE webhook_delivery (
    id              uuid        PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    payload         jsonb       NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
