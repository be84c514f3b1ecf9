// A lean MCP client for the benchmarks: raw JSON-RPC over one keep-alive HTTP connection per
// session (2025-era Streamable HTTP, or 2026-07-28 requests), or over a server's stdio, with no SDK
// in between, so what is measured is the server side's cost rather than the client's. Only what
// the benchmarks call: tools/call (echo). Answers are parsed (JSON or one SSE event) and checked.
'use strict';
const http = require('node:http');

const ACCEPT = 'application/json, text/event-stream';
const MODERN = '2026-07-28';

/** The JSON-RPC message of an answer: a JSON body, or the first SSE event that is a response. */
function messageOf(type, body) {
  if (!(type ?? '').includes('text/event-stream')) return JSON.parse(body);
  for (const event of body.split('\n\n')) {
    const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('');
    if (data === '') continue;
    const m = JSON.parse(data);
    if (m.id !== undefined && (m.result !== undefined || m.error !== undefined)) return m;
  }
  throw new Error('no response in the event stream');
}

function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** A 2025-era session: initialize, initialized, then calls with its Mcp-Session-Id. */
async function legacySession(url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const init = await post(agent, url, {}, { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'lean', version: '1' } } });
  const session = init.headers['mcp-session-id'];
  if (init.status !== 200 || !session) throw new Error(`initialize: HTTP ${init.status}: ${init.body.slice(0, 200)}`);
  const version = messageOf(init.headers['content-type'], init.body).result?.protocolVersion ?? '2025-06-18';
  const headers = { ...(session && { 'mcp-session-id': session }), 'mcp-protocol-version': version };
  await post(agent, url, headers, { jsonrpc: '2.0', method: 'notifications/initialized' });
  let id = 0;
  return {
    async callTool({ name, arguments: args }) {
      const r = await post(agent, url, headers, { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name, arguments: args } });
      const m = messageOf(r.headers['content-type'], r.body);
      if (m.error) throw new Error(m.error.message ?? `HTTP ${r.status}: ${r.body.slice(0, 200)}`);
      return m.result;
    },
    async close() {
      if (session) await new Promise((resolve) => http.request(url, { method: 'DELETE', agent, headers }, (res) => res.resume().on('end', resolve)).on('error', resolve).end());
      agent.destroy();
    },
  };
}

/** 2026-07-28: each request on its own, its client in its envelope; one keep-alive connection. */
async function modernSession(url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const envelope = { 'io.modelcontextprotocol/protocolVersion': MODERN, 'io.modelcontextprotocol/clientInfo': { name: 'lean', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} };
  let id = 0;
  return {
    async callTool({ name, arguments: args }) {
      const r = await post(agent, url, { 'mcp-protocol-version': MODERN, 'mcp-method': 'tools/call', 'mcp-name': name }, { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name, arguments: args, _meta: envelope } });
      const m = messageOf(r.headers['content-type'], r.body);
      if (m.error) throw new Error(m.error.message);
      return m.result;
    },
    async close() {
      agent.destroy();
    },
  };
}

let nextStdioIds = 0;

/** One session on a server's stdio (newline-delimited JSON-RPC), calls in parallel on it. */
async function stdioSession(stdin, stdout) {
  const pending = new Map();
  let buffered = '';
  stdout.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.trim() === '') continue;
      const m = JSON.parse(line);
      const waiting = m.id !== undefined ? pending.get(m.id) : undefined;
      if (waiting) {
        pending.delete(m.id);
        waiting(m);
      }
    }
  });
  // Ids unique across sessions on one stream: an answer meant for an earlier session is never taken for this one's.
  let id = (nextStdioIds += 1_000_000);
  const request = (method, params) =>
    new Promise((resolve) => {
      const n = ++id;
      pending.set(n, resolve);
      stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: n, method, params })}\n`);
    });
  await request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'lean', version: '1' } });
  stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  return {
    async callTool({ name, arguments: args }) {
      const m = await request('tools/call', { name, arguments: args });
      if (m.error) throw new Error(m.error.message);
      return m.result;
    },
    async close() {},
  };
}

module.exports = { legacySession, modernSession, stdioSession };
