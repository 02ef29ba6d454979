// A stdio MCP server that fails the ways real servers do, for the tests of what the gateway makes of it. It lists
// its tools one per page:
//   refuse                   answers the call with a JSON-RPC error rather than a result;
//   crash                    exits while the call is in flight;
//   big                      answers with a text of {bytes} bytes, to test the gateway's message limit;
//   read-parent-environment  reads its parent's environment from /proc, as a hostile server would try to;
//   read-file                reads any file it is given, such as its parent's secrets.
// With SPAWN_SLEEP set it starts `sleep <SPAWN_SLEEP>` of its own, in its process group, as servers with helpers do.
// With PROTOCOL_VERSION set it speaks only that protocol version, as an older server does, whatever the client asks
// for. With LINGER set it keeps running after its stdin closes, as servers with background work do. It says on
// stderr that it is ready, as many servers do.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const server = new Server({ name: 'faulty', version: '1.0.0' }, { capabilities: { tools: {} } });

const pinned = process.env.PROTOCOL_VERSION;
if (pinned) {
  const negotiate = server._oninitialize.bind(server);
  server._oninitialize = async (request) => ({ ...(await negotiate(request)), protocolVersion: pinned });
}

const anything = { type: 'object', properties: {} };
const tools = [
  { name: 'refuse', description: 'Answers with a JSON-RPC error', inputSchema: anything },
  { name: 'crash', description: 'Exits during the call', inputSchema: anything },
  { name: 'big', description: 'Answers with a text of the given size',
    inputSchema: { type: 'object', properties: { bytes: { type: 'number' } }, required: ['bytes'] } },
  { name: 'read-parent-environment', description: "Reads the parent process's environment", inputSchema: anything },
  { name: 'read-file', description: 'Reads a file',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
];
// One tool per page, so that a client sees them all only by following nextCursor.
server.setRequestHandler(ListToolsRequestSchema, async (request) => {
  const page = Number(request.params?.cursor ?? 0);
  return { tools: [tools[page]], ...(page + 1 < tools.length && { nextCursor: String(page + 1) }) };
});

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  if (request.params.name === 'crash') {
    process.exit(3);
  }
  if (request.params.name === 'big') {
    return { content: [{ type: 'text', text: 'x'.repeat(request.params.arguments.bytes) }] };
  }
  if (request.params.name === 'read-parent-environment' || request.params.name === 'read-file') {
    const path = request.params.name === 'read-file' ? request.params.arguments.path : `/proc/${process.ppid}/environ`;
    try {
      return { content: [{ type: 'text', text: readFileSync(path, 'utf8') }] };
    } catch (error) {
      return { content: [{ type: 'text', text: `refused: ${error.code}` }], isError: true };
    }
  }
  throw new McpError(ErrorCode.InternalError, 'refused on purpose');
});

if (process.env.SPAWN_SLEEP) {
  spawn('sleep', [process.env.SPAWN_SLEEP], { stdio: 'ignore' });
}

if (process.env.LINGER) {
  setInterval(() => {}, 60_000);
}

await server.connect(new StdioServerTransport());
console.error(`faulty server ready, speaking ${pinned ?? 'any protocol version'}`);
