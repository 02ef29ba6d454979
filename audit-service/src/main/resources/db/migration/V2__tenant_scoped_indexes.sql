-- Managers and users always query within their tenant, so the filters they use most lead with tenant_id.
-- With success and the time in the index, counting a filtered page's total can be answered from the index alone.
CREATE INDEX audit_event_tenant_tool_idx ON audit_event (tenant_id, tool_name, success, occurred_at DESC);
CREATE INDEX audit_event_tenant_server_idx ON audit_event (tenant_id, server_id, success, occurred_at DESC);
CREATE INDEX audit_event_tenant_actor_idx ON audit_event (tenant_id, actor_id, occurred_at DESC);
CREATE INDEX audit_event_tenant_type_idx ON audit_event (tenant_id, type text_pattern_ops, occurred_at DESC);
