// Drives Switchboard's /mcp as an MCP client application would, with the official TypeScript SDK, and prints what it
// saw as one JSON line. Used by McpEndpointTest.
//   node mcp-client.mjs <streamable|sse> <url> <header name> <header value> <plan as JSON>
// The plan names what to do after connecting and listing tools: call (with progress), prompts, getPrompt,
// resources, read, complete, cancel (a call aborted after cancelAfterMs), listChanged (print "listening", then wait
// up to 30 s for notifications/tools/list_changed, say whether it came, and list again), logLevel (set it, call the
// tool logTool if named, and collect the log messages that come within logWaitMs or until there are `logs` of them;
// with logUntilTold, print "listening" instead and collect until a line comes on standard input, or it ends).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const [kind, url, header, value, planJson] = process.argv.slice(2);
const plan = JSON.parse(planJson ?? '{}');
const headers = { [header]: value };
const transport = kind === 'sse'
  ? new SSEClientTransport(new URL(url), {
    requestInit: { headers },
    eventSourceInit: { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }) },
  })
  : new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
const client = new Client({ name: 'switchboard-test', version: '1.0.0' });
const out = {};
const failure = (e) => ({ code: e.code ?? null, message: String(e.message ?? e) });
// A pending timer keeps node alive after the answer is printed, and the test waits for the process to end.
const atMost = (ms, promise, otherwise) => {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(otherwise), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};
try {
  let changed = () => {};
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => changed());
  const logs = [];
  let logged = () => {};
  client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
    logs.push(notification.params);
    logged();
  });
  await client.connect(transport);
  out.protocolVersion = transport.protocolVersion ?? null;
  out.sessionId = transport.sessionId ?? null;
  out.serverName = client.getServerVersion()?.name ?? null;
  out.tools = (await client.listTools()).tools.map((tool) => tool.name);
  if (plan.call) {
    let progress = 0;
    const options = plan.progress ? { onprogress: () => { progress += 1; }, timeout: 60000 } : undefined;
    try {
      out.call = await client.callTool(plan.call, undefined, options);
    } catch (e) {
      out.callError = failure(e);
    }
    out.progress = progress;
  }
  if (plan.cancel) {
    const abort = new AbortController();
    setTimeout(() => abort.abort('the test gave up'), plan.cancelAfterMs ?? 1000);
    try {
      await client.callTool(plan.cancel, undefined, { signal: abort.signal, timeout: 60000 });
      out.cancelled = false;
    } catch (e) {
      out.cancelled = true;
    }
  }
  if (plan.prompts) {
    out.prompts = (await client.listPrompts()).prompts.map((prompt) => prompt.name);
  }
  if (plan.getPrompt) {
    out.prompt = await client.getPrompt(plan.getPrompt);
  }
  if (plan.resources) {
    out.resources = (await client.listResources()).resources.map((resource) => resource.uri);
    out.templates = (await client.listResourceTemplates()).resourceTemplates.map((template) => template.uriTemplate);
  }
  if (plan.read) {
    out.read = await client.readResource({ uri: plan.read });
  }
  if (plan.complete) {
    out.completion = await client.complete(plan.complete);
  }
  if (plan.logLevel) {
    await client.setLoggingLevel(plan.logLevel);
    const enough = new Promise((resolve) => {
      logged = () => { if (logs.length >= (plan.logs ?? 1)) resolve(); };
    });
    if (plan.logTool) {
      out.logCall = await client.callTool({ name: plan.logTool, arguments: {} });
    }
    if (plan.logUntilTold) {
      const told = new Promise((resolve) => {
        process.stdin.once('data', resolve);
        process.stdin.once('end', resolve);
      });
      console.log('listening');
      await told;
      process.stdin.destroy();
    } else {
      await atMost(plan.logWaitMs ?? 30000, enough);
    }
    out.logs = [...logs];
  }
  if (plan.listChanged) {
    // Only a notification that comes after this line counts.
    const listChanged = new Promise((resolve) => { changed = resolve; });
    console.log('listening');
    out.notified = await atMost(30000, listChanged.then(() => true), false);
    out.toolsAfterChange = (await client.listTools()).tools.map((tool) => tool.name);
  }
} catch (e) {
  out.error = failure(e);
} finally {
  await client.close().catch(() => {});
}
console.log(JSON.stringify(out));
