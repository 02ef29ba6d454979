-- Which tool results the invocation service may answer from its cache; off for servers registered before.
ALTER TABLE mcp_server ADD COLUMN cache jsonb NOT NULL
    DEFAULT '{"enabled":false,"tools":[],"readOnlyTools":false,"ttlSeconds":300}';
