-- What one replica's /mcp was told about a session that every replica must honour, since the next request of the same
-- client may land on another: the session ended (DELETE), a request of it was cancelled, or its log level was set.
-- Every replica reads the new rows each second; a row is dropped once the session would have expired anyway.
CREATE TABLE mcp_session_signals (
    id         BIGSERIAL   PRIMARY KEY,
    -- SHA-256 of the session id, hex: the id itself is a credential of its key's holder
    session    TEXT        NOT NULL,
    kind       TEXT        NOT NULL CHECK (kind IN ('ended', 'cancelled', 'level')),
    -- the cancelled request's id as JSON, or the level set; null for 'ended'
    value      TEXT,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX mcp_session_signals_expiry ON mcp_session_signals (expires_at);
