-- A worker claims each subscription's earliest due deliveries, up to its free sending slots: one index probe per
-- subscription rather than a scan of the whole backlog, which a receiver's long outage can make large.
CREATE INDEX webhook_delivery_subscription_due_idx ON webhook_delivery (subscription_id, next_attempt_at)
    WHERE status IN ('pending', 'sending');
