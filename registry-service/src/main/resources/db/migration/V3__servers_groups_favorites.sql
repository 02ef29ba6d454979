-- Groups order servers for people; a group belongs to a tenant, or to no tenant when an admin keeps global servers.
CREATE TABLE server_group (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        REFERENCES tenant (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    description text,
    color       text,
    icon        text,
    sort_order  integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX server_group_name_idx ON server_group (coalesce(tenant_id::text, ''), lower(name));

-- transport and auth are kept as the API shows them, except that every secret in them is sealed (AES-GCM, key id
-- inside). A deleted server keeps its row until it is restored, and gives up its name meanwhile.
CREATE TABLE mcp_server (
    id           uuid        PRIMARY KEY,
    tenant_id    uuid        REFERENCES tenant (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    description  text,
    transport    jsonb       NOT NULL,
    auth         jsonb       NOT NULL,
    health_check jsonb       NOT NULL,
    rate_limits  jsonb       NOT NULL,
    category     text,
    tags         text[]      NOT NULL DEFAULT '{}',
    version      text,
    group_id     uuid        REFERENCES server_group (id) ON DELETE SET NULL,
    enabled      boolean     NOT NULL,
    created_by   text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz
);
CREATE UNIQUE INDEX mcp_server_live_name_idx ON mcp_server (coalesce(tenant_id::text, ''), lower(name))
    WHERE deleted_at IS NULL;
CREATE INDEX mcp_server_tenant_idx ON mcp_server (tenant_id, name);
CREATE INDEX mcp_server_group_idx ON mcp_server (group_id);
CREATE INDEX mcp_server_tags_idx ON mcp_server USING gin (tags);

-- A key's favourite tools.
CREATE TABLE favorite (
    key_id     uuid        NOT NULL REFERENCES api_key (id) ON DELETE CASCADE,
    server_id  uuid        NOT NULL REFERENCES mcp_server (id) ON DELETE CASCADE,
    tool_name  text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (key_id, server_id, tool_name)
);
