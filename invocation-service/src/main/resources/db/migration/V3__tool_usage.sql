-- How often and how lately each tool was called, per tenant, shared by every replica and kept across restarts.
-- Replicas add their counts in batches, so a row is one upsert per flush, not one per call.
CREATE TABLE tool_usage (
    tenant_id    TEXT        NOT NULL,
    server_id    UUID        NOT NULL,
    tool         TEXT        NOT NULL,
    calls        BIGINT      NOT NULL,
    -- calls that failed or whose result was an error
    errors       BIGINT      NOT NULL,
    -- summed over the calls that reached the server, for the average latency
    duration_ms  BIGINT      NOT NULL,
    last_used_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, server_id, tool)
);

-- Calls per tenant and UTC day, for the monitor's "today" and the daily series.
CREATE TABLE tool_calls_by_day (
    tenant_id TEXT   NOT NULL,
    day       DATE   NOT NULL,
    calls     BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, day)
);
