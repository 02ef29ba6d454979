-- Sending: a delivery is claimed by setting it 'sending' with next_attempt_at as the claim's lease, so that a worker
-- that dies mid-delivery leaves it to be claimed again once the lease has passed.
ALTER TABLE webhook_delivery ADD COLUMN delivered_at timestamptz;
ALTER TABLE webhook_delivery ADD COLUMN last_status integer;
DROP INDEX webhook_delivery_due_idx;
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status IN ('pending', 'sending');

-- One row per attempt: what the receiver answered (the first KiB of it), how long it took, or why it failed.
CREATE TABLE webhook_delivery_attempt (
    id               uuid        PRIMARY KEY,
    delivery_id      uuid        NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at     timestamptz NOT NULL,
    status_code      integer,
    latency_ms       bigint      NOT NULL,
    response_excerpt text,
    error            text
);
CREATE INDEX webhook_delivery_attempt_delivery_idx ON webhook_delivery_attempt (delivery_id, attempted_at);
