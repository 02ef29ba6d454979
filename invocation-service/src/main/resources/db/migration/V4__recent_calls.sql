-- The latest calls of each tenant, for the monitor's recentActivity and /api/tools/recent and /history, the same on
-- every replica and after a restart.
-- Replicas add theirs with each usage flush and then trim each tenant they wrote for to its newest 200 calls.
CREATE TABLE recent_calls (
    tenant_id   TEXT        NOT NULL,
    -- the key that made the call
    key_id      TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    server_id   UUID        NOT NULL,
    server_name TEXT        NOT NULL,
    tool        TEXT        NOT NULL,
    duration_ms BIGINT      NOT NULL,
    success     BOOLEAN     NOT NULL,
    cached      BOOLEAN     NOT NULL
);
CREATE INDEX recent_calls_of_tenant ON recent_calls (tenant_id, at DESC);
CREATE INDEX recent_calls_of_all ON recent_calls (at DESC);
