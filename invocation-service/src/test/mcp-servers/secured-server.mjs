// An MCP server that answers only callers with the right credentials, and the OAuth 2.0 token endpoint that issues
// them: the upstream auth tests need a server that checks. Listens on PORT (127.0.0.1 with bind-localhost.cjs).
// Streamable HTTP: /api-key/mcp wants "X-Api-Key: Token <API_KEY>", /bearer/mcp wants "Authorization: Bearer <BEARER>",
// /oauth/mcp wants a token from POST /token (client credentials, HTTP Basic). The same token opens the legacy SSE
// stream /oauth/sse (and its POST /oauth/messages) and the WebSocket /oauth/ws.
// POST /rotate forgets every issued token, as an identity provider does when keys roll.
import express from 'express';
import { WebSocketServer } from 'ws';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const { PORT, API_KEY, BEARER, CLIENT_ID, CLIENT_SECRET } = process.env;
const issued = new Set();
let tokensIssued = 0;

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));

app.post('/token', (req, res) => {
  const basic = Buffer.from((req.headers.authorization || '').replace(/^Basic /, ''), 'base64').toString();
  if (req.body.grant_type !== 'client_credentials' || basic !== `${CLIENT_ID}:${CLIENT_SECRET}`) {
    return res.status(401).json({ error: 'invalid_client' });
  }
  const token = `token-${++tokensIssued}`;
  issued.add(token);
  res.json({ access_token: token, token_type: 'Bearer', expires_in: 3600, scope: req.body.scope });
});

app.post('/rotate', (req, res) => {
  issued.clear();
  res.json({ rotated: true });
});

app.get('/issued', (req, res) => res.json({ tokensIssued }));

const checks = {
  'api-key': (req) => req.headers['x-api-key'] === `Token ${API_KEY}`,
  bearer: (req) => req.headers.authorization === `Bearer ${BEARER}`,
  oauth: (req) => issued.has((req.headers.authorization || '').replace(/^Bearer /, '')),
};

function securedServer(door) {
  const server = new McpServer({ name: `secured-${door}`, version: '1.0.0' });
  server.registerTool('whoami', { description: 'Says which door the caller came through', inputSchema: {} },
    async () => ({ content: [{ type: 'text', text: `through ${door}` }] }));
  server.registerTool('add', { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  return server;
}

for (const [path, allowed] of Object.entries(checks)) {
  app.post(`/${path}/mcp`, async (req, res) => {
    if (!allowed(req)) {
      return res.status(401).json({ error: 'unauthorized' });
    }
    const server = securedServer(path);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => { transport.close(); server.close(); });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
}

// Legacy SSE: every request, the stream and each message, must carry a valid token.
const sseSessions = new Map();
app.get('/oauth/sse', async (req, res) => {
  if (!checks.oauth(req)) {
    return res.status(401).json({ error: 'unauthorized' });
  }
  const transport = new SSEServerTransport('/oauth/messages', res);
  sseSessions.set(transport.sessionId, transport);
  res.on('close', () => sseSessions.delete(transport.sessionId));
  await securedServer('oauth-sse').connect(transport);
});
app.post('/oauth/messages', async (req, res) => {
  if (!checks.oauth(req)) {
    return res.status(401).json({ error: 'unauthorized' });
  }
  const transport = sseSessions.get(req.query.sessionId);
  if (!transport) {
    return res.status(404).json({ error: 'no such session' });
  }
  await transport.handlePostMessage(req, res, req.body);
});

const listening = app.listen(Number(PORT), () => console.error(`secured MCP server on ${PORT}`));

// WebSocket: the token is checked at the handshake (401 without it); one JSON-RPC message per text frame.
const sockets = new WebSocketServer({ server: listening, path: '/oauth/ws', verifyClient: ({ req }) => checks.oauth(req) });
sockets.on('connection', (socket) => {
  const transport = {
    async start() {},
    async send(message) { socket.send(JSON.stringify(message)); },
    async close() { socket.close(); },
  };
  socket.on('message', (data) => transport.onmessage?.(JSON.parse(data.toString())));
  socket.on('close', () => transport.onclose?.());
  securedServer('oauth-ws').connect(transport);
});
