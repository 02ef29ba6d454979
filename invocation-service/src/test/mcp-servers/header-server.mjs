// A stdio MCP server with one tool whose input schema mirrors arguments into HTTP headers (x-mcp-header, protocol
// 2026-07-28): region at the top, owner inside filter, limit as an integer. The /mcp tests check that a stateless
// call's Mcp-Param-* headers must agree with those arguments. Written on the SDK's low-level server, which passes a
// tool's JSON Schema through as given.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const server = new Server({ name: 'headers', version: '1.0.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [{
    name: 'query',
    description: 'Answers with the arguments it was given',
    inputSchema: {
      type: 'object',
      properties: {
        region: { type: 'string', 'x-mcp-header': 'Region' },
        limit: { type: 'integer', 'x-mcp-header': 'Limit' },
        filter: { type: 'object', properties: { owner: { type: 'string', 'x-mcp-header': 'Owner' } } },
        sql: { type: 'string' },
      },
      required: ['region', 'sql'],
    },
  }],
}));

server.setRequestHandler(CallToolRequestSchema, async (request) => ({
  content: [{ type: 'text', text: JSON.stringify(request.params.arguments) }],
}));

await server.connect(new StdioServerTransport());
