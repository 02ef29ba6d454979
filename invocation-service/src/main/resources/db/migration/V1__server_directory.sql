-- The servers this replica knows of, as the registry's events announced them. It survives a restart, so that the
-- service knows what to serve even while the registry is unreachable.
CREATE TABLE server_directory (
    server_id     text        PRIMARY KEY,
    tenant_id     text,
    name          text        NOT NULL,
    enabled       boolean     NOT NULL,
    deleted       boolean     NOT NULL DEFAULT false,
    changed_at    timestamptz NOT NULL,
    last_event_id text        NOT NULL
);
