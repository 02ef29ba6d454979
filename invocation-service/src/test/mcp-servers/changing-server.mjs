// A stdio MCP server whose lists change while it runs: calling grow adds a tool, a prompt and a resource, and the
// SDK tells the client with notifications/tools/list_changed, prompts/list_changed and resources/list_changed. The
// discovery tests need a server that does this on request. The seed prompt and resource are there from the start,
// because a server declares its capabilities before it connects.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const server = new McpServer({ name: 'changing', version: '1.0.0' });
let grown = 0;

function addPrompt(name) {
  server.registerPrompt(name, { description: `Prompt ${name}` },
    async () => ({ messages: [{ role: 'user', content: { type: 'text', text: name } }] }));
}

function addResource(name, uri) {
  server.registerResource(name, uri, { description: `Resource ${name}` },
    async (requested) => ({ contents: [{ uri: requested.href, text: name }] }));
}

addPrompt('seed');
addResource('seed', 'seed://0');

server.registerTool('grow', { description: 'Adds a tool, a prompt and a resource named grown-<n>' }, async () => {
  const name = `grown-${++grown}`;
  server.registerTool(name, { description: `Tool number ${grown}` }, async () => ({ content: [{ type: 'text', text: name }] }));
  addPrompt(name);
  addResource(name, `grown://${grown}`);
  return { content: [{ type: 'text', text: `added ${name}` }] };
});

await server.connect(new StdioServerTransport());
