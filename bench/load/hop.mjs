// The gateway hop, measured with a load generator that is not Switchboard's own client (autocannon: HTTP/1.1
// keep-alive, one write per request), against the same upstream program every time: the everything server's echo.
//
//   node hop.mjs <switchboard invocation URL> <registry URL> <admin API key> [rounds] [seconds]
//
// Paths, in interleaved rounds, at 1 and at 16 connections:
//   direct         the everything server over Streamable HTTP, called as an MCP client calls it
//   supergateway   the everything server over stdio, bridged to Streamable HTTP by supergateway (stateful)
//   mcp-proxy      the everything server over stdio, bridged to Streamable HTTP by mcp-proxy
//   sb-stdio       Switchboard's REST invoke, the everything server over stdio upstream
//   sb-http        Switchboard's REST invoke, the very server `direct` measures as its upstream
//   sb-mcp-stdio   Switchboard's aggregated MCP endpoint (/mcp, tools/call), the stdio upstream
//   sb-mcp-http    Switchboard's aggregated MCP endpoint (/mcp, tools/call), the Streamable HTTP upstream
// Only answers that carry the echoed text count; anything else is reported as an error. HOP_PATHS (comma-separated
// names from the list above) measures only those; direct is always among them, as the table's ratios need it.
// Before each path the driver waits until the audit and webhook services have consumed every tool event so far
// (their Kafka consumer lag, read from HOP_CONSUMER_METRICS), and then until the gateway's CPUs are quiet (under 20%
// busy over a second: PostgreSQL's autovacuum and checkpoints after the fast stdio paths' inserts, the JIT), so
// that no path pays for the work the one before it left behind.
// Then Switchboard's Streamable HTTP paths are measured once more, in short slices alternating with direct (HOP_PAIRS,
// HOP_PAIR_SECONDS, HOP_PAIR_CONNECTIONS; see pairedSlices), which is the comparison this machine's changing CPU speed
// leaves least to chance.
// HOP_GATEWAY_CPUS (set by `bench/run` under HOP_SPLIT_CPUS) starts the peer bridges on the CPUs where Switchboard
// runs, so that every gateway under test has the same CPUs and the load generator and `direct` have the others.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const [invocation, registry, adminKey, roundsArg = '3', secondsArg = '10'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const seconds = Number(secondsArg);
const here = path.dirname(fileURLToPath(import.meta.url));
const everything = path.join(here, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const message = 'bench';
// The everything server and supergateway listen on every interface and take no address to listen on; the tests'
// preload makes them listen on 127.0.0.1 only.
const localhostOnly = ['--require', path.join(here, '../../invocation-service/src/test/mcp-servers/bind-localhost.cjs')];
const started = [];

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args, env = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  started.push(child);
  return child;
}

/** A peer bridge, on the gateway's CPUs when they are set apart (taskset execs the bridge: same process). */
function runGateway(args) {
  const cpus = process.env.HOP_GATEWAY_CPUS;
  return cpus ? run('taskset', ['-c', cpus, 'node', ...args]) : run('node', args);
}

async function listening(port) {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { method: 'GET' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

const call = (id, tool = 'echo') => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call',
  params: { name: tool, arguments: { message } } });

/** An MCP session with a Streamable HTTP server: initialize, then the session id and version every request carries. */
async function session(url, tool = 'echo', auth = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...auth };
  const init = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } }) });
  await init.text();
  const sessionHeaders = { ...headers, 'MCP-Protocol-Version': '2025-11-25' };
  const id = init.headers.get('mcp-session-id');
  if (id) {
    sessionHeaders['Mcp-Session-Id'] = id;
  }
  await (await fetch(url, { method: 'POST', headers: sessionHeaders,
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) })).text();
  const probe = await (await fetch(url, { method: 'POST', headers: sessionHeaders, body: call(1, tool) })).text();
  if (!probe.includes(`Echo: ${message}`)) {
    throw new Error(`${url} does not echo: ${probe}`);
  }
  return { url, method: 'POST', headers: sessionHeaders, body: call(1, tool) };
}

async function api(url, options = {}) {
  const response = await fetch(url, options);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.data;
}

async function switchboard(transport, name) {
  const auth = { 'Content-Type': 'application/json' };
  await renew(auth);
  const server = await api(`${registry}/api/servers`, { method: 'POST', headers: auth, body: JSON.stringify({ name, transport }) });
  for (let i = 0; i < 600; i++) {
    const status = await api(`${invocation}/api/connections/${server.id}`, { headers: auth }).catch(() => ({}));
    if (status.state === 'connected') {
      return { server, target: { url: `${invocation}/api/tools/${name}__echo/invoke`, method: 'POST', headers: auth,
        body: JSON.stringify({ arguments: { message } }) }, auth };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not connect`);
}

/** A new access token in these headers: a run outlasts one (they live 15 minutes). */
async function renew(auth) {
  const token = (await api(`${registry}/auth/token`, { method: 'POST', headers: { 'X-API-Key': adminKey } })).accessToken;
  auth.Authorization = `Bearer ${token}`;
}

/** Disconnects Switchboard from a server and connects it again: a new upstream session. */
async function reconnect({ server, auth }) {
  await api(`${invocation}/api/connections/${server.id}/disconnect`, { method: 'POST', headers: auth });
  const status = await api(`${invocation}/api/connections/${server.id}/connect`, { method: 'POST', headers: auth });
  if (status.state !== 'connected') {
    throw new Error(`${server.name} did not reconnect: ${JSON.stringify(status)}`);
  }
}

const consumerMetrics = (process.env.HOP_CONSUMER_METRICS ?? '').split(',').filter((url) => url);

/** Tool events not yet consumed, summed over the consumers' partitions of the invocations topic. */
async function unconsumed() {
  let lag = 0;
  for (const url of consumerMetrics) {
    const text = await (await fetch(url)).text();
    for (const line of text.split('\n')) {
      if (line.startsWith('kafka_consumer_fetch_manager_records_lag{') && line.includes('topic="switchboard.invocations"')) {
        const value = Number(line.slice(line.lastIndexOf(' ') + 1));
        lag += Number.isFinite(value) ? value : 0;
      }
    }
  }
  return lag;
}

/** Waits (up to two minutes) until the consumers have caught up; returns how long that took, in seconds. */
async function caughtUp() {
  const start = Date.now();
  while (Date.now() - start < 120_000 && await unconsumed() > 0) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return (Date.now() - start) / 1000;
}

/** The CPUs the gateways run on (all of them unless HOP_GATEWAY_CPUS sets a range such as 1-1). */
function gatewayCpus() {
  const range = process.env.HOP_GATEWAY_CPUS;
  if (!range) {
    return null;
  }
  const [first, last] = range.split('-').map(Number);
  return new Set(Array.from({ length: last - first + 1 }, (_, i) => `cpu${first + i}`));
}

/** Busy and total jiffies of the gateway's CPUs, from /proc/stat. */
async function cpuTimes(cpus) {
  let busy = 0;
  let total = 0;
  for (const line of (await readFile('/proc/stat', 'utf8')).split('\n')) {
    const [name, ...fields] = line.trim().split(/\s+/);
    if (cpus ? cpus.has(name) : name === 'cpu') {
      const values = fields.slice(0, 8).map(Number);
      const all = values.reduce((sum, value) => sum + value, 0);
      total += all;
      busy += all - values[3] - values[4];
    }
  }
  return { busy, total };
}

/** Waits (up to a minute) until the gateway's CPUs were under 20% busy for a whole second; returns the seconds waited. */
async function quiet() {
  const cpus = gatewayCpus();
  const start = Date.now();
  while (Date.now() - start < 60_000) {
    const before = await cpuTimes(cpus);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await cpuTimes(cpus);
    if ((after.busy - before.busy) < 0.2 * (after.total - before.total)) {
      break;
    }
  }
  return (Date.now() - start) / 1000;
}

function measure(target, connections, duration = seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ ...target, connections, duration, pipelining: 1,
      verifyBody: (body) => body.includes(`Echo: ${message}`) }, (error, result) => error ? reject(error) : resolve(result));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Answers that carried the echo: autocannon counts an answer without it, and a non-2xx one, among its requests. */
const good = (result) => result.requests.total - result.non2xx - (result.mismatches ?? 0);

/** Answers that failed, were not 2xx or lacked the echo. */
const bad = (result) => result.errors + result.non2xx + (result.mismatches ?? 0);

/** Requests per second that were answered with the echo. */
const rate = (result) => result.requests.total === 0 ? 0
  : Math.round(10 * result.requests.average * good(result) / result.requests.total) / 10;

/** Waits for the last path's calls, prepares the next (its session), waits for the consumers and the CPUs, measures. */
async function settledMeasure(prepare, connections, duration) {
  // Calls that autocannon left in flight when the last path's time ran out still hold their upstream's bulkhead
  // slots for a moment; the next path starts once they are done.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const target = await prepare();
  const consumers = await caughtUp();
  const settled = await quiet();
  return { result: await measure(target, connections, duration), consumers, settled };
}

const report = (result) => `${rate(result)} req/s, p50 ${result.latency.p50} ms, mean ${result.latency.mean} ms, `
  + `p99 ${result.latency.p99} ms, errors ${bad(result)} (failed `
  + `${result.errors}, of which timed out ${result.timeouts}; non-2xx ${result.non2xx}; without the echo `
  + `${result.mismatches ?? 0})`;

/**
 * Switchboard's Streamable HTTP paths against direct, in short slices that alternate: direct, the path, direct, the
 * path... This machine's CPUs change speed by a fifth from one second to the next (the same computation, pinned to one
 * CPU, takes 0.42 to 0.61 s in consecutive runs), and a round's paths run a minute apart, so a round's ratio carries
 * that change; slices a few seconds apart see the same machine. The ratio is of the totals of answers with the echo
 * over every slice (HOP_PAIRS pairs of HOP_PAIR_SECONDS-second slices; 20 of 3 s unless set), at each number of
 * connections in HOP_PAIR_CONNECTIONS (16 unless set; "1,16" adds the latency a call gains at one connection).
 * Each slice starts on a new upstream session, as each round's path does, so that the everything server's store of
 * past events (see above) stays small and its garbage collection does not grow through the slices.
 */
async function pairedSlices(targets) {
  const pairs = Number(process.env.HOP_PAIRS ?? 20);
  const sliceSeconds = Number(process.env.HOP_PAIR_SECONDS ?? 3);
  const connectionCounts = (process.env.HOP_PAIR_CONNECTIONS ?? '16').split(',').map(Number);
  const paths = ['sb-http', 'sb-mcp-http'].filter((name) => targets[name]);
  if (pairs < 1 || paths.length === 0) {
    return;
  }
  const rows = [];
  for (const name of paths) {
    for (const connections of connectionCounts) {
      rows.push(await alternate(targets.direct, name, targets[name], connections, pairs, sliceSeconds));
    }
  }
  console.log();
  console.log('| path, in slices alternating with direct | connections | slices | direct req/s | path req/s | ratio of the totals '
    + '| median ratio of a pair | median added p50 (ms) | mean added mean latency (ms) | bad answers |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  rows.forEach((row) => console.log(row));
}

/** One path against direct at one number of connections, pair after pair; returns its table row. */
async function alternate(direct, name, path, connections, pairs, sliceSeconds) {
  const sides = { direct, [name]: path };
  const answers = { direct: 0, [name]: 0 };
  const time = { direct: 0, [name]: 0 };
  const ratios = [];
  const addedP50 = [];
  const addedMean = [];
  let badAnswers = 0;
  for (let pair = 1; pair <= pairs; pair++) {
    const results = {};
    for (const side of Object.keys(sides)) {
      const { result } = await settledMeasure(sides[side], connections, sliceSeconds);
      answers[side] += good(result);
      time[side] += result.duration;
      badAnswers += bad(result);
      results[side] = result;
      console.error(`pair ${pair} ${side}@${connections}: ${report(result)}`);
    }
    const rateOf = (side) => good(results[side]) / results[side].duration;
    ratios.push(rateOf(name) / rateOf('direct'));
    addedP50.push(results[name].latency.p50 - results.direct.latency.p50);
    addedMean.push(results[name].latency.mean - results.direct.latency.mean);
  }
  const perSecond = (side) => answers[side] / time[side];
  return `| ${name} | ${connections} | ${pairs} × ${sliceSeconds} s | ${perSecond('direct').toFixed(1)} | `
    + `${perSecond(name).toFixed(1)} | ${(perSecond(name) / perSecond('direct')).toFixed(2)} | ${median(ratios).toFixed(2)} | `
    + `${median(addedP50)} | ${mean(addedMean).toFixed(2)} | ${badAnswers} |`;
}

const created = [];

/** Deletes the servers this run registered and ends the processes it started; an interrupted run does it too. */
async function cleanUp() {
  for (const { server, auth } of created.splice(0)) {
    await renew(auth).catch(() => {});
    await fetch(`${registry}/api/servers/${server.id}`, { method: 'DELETE', headers: auth }).catch(() => {});
  }
  started.splice(0).forEach((child) => child.kill());
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => cleanUp().finally(() => process.exit(130)));
}

try {
  const direct = await freePort();
  run('node', [...localhostOnly, everything, 'streamableHttp'], { PORT: String(direct) });
  const gateway = await freePort();
  runGateway([...localhostOnly, path.join(here, 'node_modules/supergateway/dist/index.js'), '--stdio', `node ${everything} stdio`,
    '--outputTransport', 'streamableHttp', '--stateful', '--port', String(gateway), '--logLevel', 'none']);
  const proxy = await freePort();
  runGateway([path.join(here, 'node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs'), '--host', '127.0.0.1', '--port',
    String(proxy), '--server', 'stream', '--', 'node', everything, 'stdio']);
  await Promise.all([listening(direct), listening(gateway), listening(proxy)]);

  const run_id = Math.random().toString(36).slice(2, 8);
  const stdio = await switchboard({ type: 'stdio', command: 'node', args: [everything, 'stdio'] }, `bench-stdio-${run_id}`);
  const http = await switchboard({ type: 'http', url: `http://127.0.0.1:${direct}/mcp` }, `bench-http-${run_id}`);
  created.push(stdio, http);
  // The everything server keeps every event of a session in memory for resumption, and never forgets one (about 2 GB
  // after half a million calls): the later a path ran, the more its upstream spent in garbage collection. So each
  // path that calls it starts on a session of its own there: direct opens a new one and ends the last, Switchboard
  // reconnects to it (which ends its session, as the specification asks).
  let directSession = null;
  const freshDirect = async () => {
    if (directSession) {
      await fetch(directSession.url, { method: 'DELETE', headers: directSession.headers }).catch(() => {});
    }
    directSession = await session(`http://127.0.0.1:${direct}/mcp`);
    return directSession;
  };
  const reconnected = (target) => async () => {
    await renew(http.auth);
    await reconnect(http);
    return target;
  };
  const sbMcpHttp = await session(`${invocation}/mcp`, `${http.server.name}__echo`, { 'X-API-Key': adminKey });
  const fixed = (target) => async () => target;
  const targets = {
    direct: freshDirect,
    supergateway: fixed(await session(`http://127.0.0.1:${gateway}/mcp`)),
    'mcp-proxy': fixed(await session(`http://127.0.0.1:${proxy}/mcp`)),
    'sb-stdio': async () => {
      await renew(stdio.auth);
      return stdio.target;
    },
    'sb-http': reconnected(http.target),
    'sb-mcp-stdio': fixed(await session(`${invocation}/mcp`, `${stdio.server.name}__echo`, { 'X-API-Key': adminKey })),
    'sb-mcp-http': reconnected(sbMcpHttp),
  };

  const only = process.env.HOP_PATHS ? ['direct', ...process.env.HOP_PATHS.split(',')] : Object.keys(targets);
  for (const name of Object.keys(targets)) {
    if (!only.includes(name)) {
      delete targets[name];
    }
  }
  // Warm-up: each path at sixteen connections for HOP_WARMUP_SECONDS (a minute unless set, and never less than twice a
  // measurement), so that every process has compiled its paths before the first round. On two cores the invocation
  // service's JIT needs three to four minutes of load after a start (its four paths together get four minutes here);
  // with twenty seconds a path, round 1 of a fresh stack read low.
  const warmup = Math.max(2 * seconds, Number(process.env.HOP_WARMUP_SECONDS ?? 60));
  for (const prepare of Object.values(targets)) {
    await measure(await prepare(), 16, warmup);
  }
  const results = {};
  for (let round = 1; round <= rounds; round++) {
    for (const connections of [1, 16]) {
      for (const [name, prepare] of Object.entries(targets)) {
        const { result, consumers, settled } = await settledMeasure(prepare, connections, seconds);
        const key = `${name}@${connections}`;
        (results[key] ??= []).push(result);
        console.error(`round ${round} ${key} (after ${consumers.toFixed(1)} s for the consumers, ${settled.toFixed(1)} s for `
          + `quiet CPUs): ${report(result)}`);
      }
    }
  }

  console.log('| path | req/s at 1 | p50 at 1 (ms) | mean at 1 (ms) | p99 at 1 (ms) | req/s at 16 | p50 at 16 (ms) | ratio to direct at 16 | bad answers |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const directAt16 = median(results['direct@16'].map(rate));
  for (const name of Object.keys(targets)) {
    const one = results[`${name}@1`];
    const sixteen = results[`${name}@16`];
    const rate16 = median(sixteen.map(rate));
    const badAnswers = [...one, ...sixteen].reduce((sum, r) => sum + bad(r), 0);
    console.log(`| ${name} | ${median(one.map(rate))} | ${median(one.map((r) => r.latency.p50))} | `
      + `${median(one.map((r) => r.latency.mean))} | ${median(one.map((r) => r.latency.p99))} | ${rate16} | ${median(sixteen.map((r) => r.latency.p50))} | `
      + `${(rate16 / directAt16).toFixed(2)} | ${badAnswers} |`);
  }

  await pairedSlices(targets);
} finally {
  await cleanUp();
}
