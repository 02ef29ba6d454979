// A stdio MCP server whose tool list changes while it runs: calling grow adds a tool, and the SDK tells the
// client with notifications/tools/list_changed. The discovery tests need a server that does this on request.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const server = new McpServer({ name: 'changing', version: '1.0.0' });
let grown = 0;

server.registerTool('grow', { description: 'Adds a tool named grown-<n>' }, async () => {
  const name = `grown-${++grown}`;
  server.registerTool(name, { description: `Tool number ${grown}` }, async () => ({ content: [{ type: 'text', text: name }] }));
  return { content: [{ type: 'text', text: `added ${name}` }] };
});

await server.connect(new StdioServerTransport());
