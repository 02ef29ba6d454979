-- What the invocation service last reported about each server's connection (switchboard.connections).
-- Kept apart from the server's configuration: it is written by events, never by users.
CREATE TABLE server_status (
    server_id      text        PRIMARY KEY,
    tenant_id      text,
    status         text        NOT NULL,
    tool_count     integer     NOT NULL DEFAULT 0,
    prompt_count   integer     NOT NULL DEFAULT 0,
    resource_count integer     NOT NULL DEFAULT 0,
    last_error     text,
    tools          jsonb,
    status_at      timestamptz NOT NULL,
    last_event_id  text        NOT NULL
);
