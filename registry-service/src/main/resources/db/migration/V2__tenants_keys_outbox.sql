CREATE TABLE tenant (
    id                  uuid        PRIMARY KEY,
    name                text        NOT NULL UNIQUE,
    display_name        text,
    enabled_mcp_servers text[]      NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

-- Keys are stored only as SHA-256 hashes: they are long random strings, so a fast hash cannot be guessed back.
CREATE TABLE api_key (
    id           uuid        PRIMARY KEY,
    tenant_id    uuid        REFERENCES tenant (id),
    name         text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('admin', 'manager', 'user', 'service')),
    prefix       text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    tools        text[]      NOT NULL DEFAULT '{}',
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_by   text,
    created_at   timestamptz NOT NULL
);
CREATE INDEX api_key_tenant_idx ON api_key (tenant_id);

-- The transactional outbox: a change and its event commit together; the relay publishes rows in id order.
CREATE TABLE outbox_event (
    id              bigserial   PRIMARY KEY,
    event_id        text        NOT NULL UNIQUE,
    topic           text        NOT NULL,
    subject         text,
    payload         text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE status = 'pending';
