-- The transactional outbox (the shared outbox module): webhook.* events commit with the change they describe.
CREATE TABLE outbox_event (
    id              bigserial   PRIMARY KEY,
    event_id        text        NOT NULL UNIQUE,
    topic           text        NOT NULL,
    subject         text,
    payload         text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE status = 'pending';
CREATE INDEX outbox_event_dead_idx ON outbox_event (id) WHERE status = 'dead';

-- Since when every attempt to the subscription has failed (NULL: the last attempt succeeded, or none failed yet).
-- A subscription failing for longer than switchboard.webhook.disable-after is disabled.
ALTER TABLE webhook_subscription ADD COLUMN failing_since timestamptz;
