-- A row whose event the broker refuses for a reason of its own (too large, not allowed) is parked as dead after a few
-- attempts, with its last error, so that it holds up neither the events of its subject behind it nor anyone else's.
ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_status_check;
ALTER TABLE outbox_event ADD CONSTRAINT outbox_event_status_check CHECK (status IN ('pending', 'sent', 'dead'));
CREATE INDEX outbox_event_dead_idx ON outbox_event (id) WHERE status = 'dead';
