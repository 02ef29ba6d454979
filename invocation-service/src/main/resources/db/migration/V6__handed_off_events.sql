-- Events a stopping replica could not send because the broker was away. Its journal is on a disk that may go with
-- it (a Kubernetes emptyDir goes with its pod), so it hands them to this table on the way out, and the next replica
-- whose own journal is empty takes them over into its journal, claiming rows with SKIP LOCKED so that each goes to
-- one replica. Consumers keep each event id once, so one handed over twice after a failure is harmless.
CREATE TABLE handed_off_events (
    id            BIGSERIAL   PRIMARY KEY,
    topic         TEXT        NOT NULL,
    event_key     TEXT,
    -- the CloudEvent as the Kafka record's value
    value         TEXT        NOT NULL,
    handed_off_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
