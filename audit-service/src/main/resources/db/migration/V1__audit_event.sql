-- One row per event, whatever its type. The indexed columns answer the filters of GET /api/audit;
-- the whole envelope is kept as jsonb so that nothing an event carried is lost.
CREATE TABLE audit_event (
    event_id      text        PRIMARY KEY,
    occurred_at   timestamptz NOT NULL,
    type          text        NOT NULL,
    source        text        NOT NULL,
    tenant_id     text,
    actor_id      text,
    resource_type text        NOT NULL,
    resource_id   text,
    server_id     text,
    tool_name     text,
    success       boolean,
    duration_ms   bigint,
    envelope      jsonb       NOT NULL,
    stored_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_event_time_idx ON audit_event (occurred_at DESC, event_id DESC);
CREATE INDEX audit_event_tenant_time_idx ON audit_event (tenant_id, occurred_at DESC);
CREATE INDEX audit_event_type_time_idx ON audit_event (type text_pattern_ops, occurred_at DESC);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at DESC);
CREATE INDEX audit_event_resource_idx ON audit_event (resource_id);
CREATE INDEX audit_event_server_idx ON audit_event (server_id, occurred_at DESC);
CREATE INDEX audit_event_tool_idx ON audit_event (tool_name, occurred_at DESC);
