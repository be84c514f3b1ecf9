// A reference for the gateway's rows, not a contender: the least a node HTTP forwarder in front of
// the same server can do. Each POST's JSON-RPC request goes to the server's stdio (the same exec
// stream the gateway uses) with its id rewritten, and the answer's line goes back with the client's
// id, as one JSON response. No validation, no MCP logic, no policy, sessions answered blindly: what
// is left is node's HTTP and the stream, so the gateway's own cost is the difference to this row.
// Usage (by bench/gateway.js): node bench/reference-forwarder.js CONTAINER_ID PORT; prints "ready".
'use strict';
const http = require('node:http');
const path = require('node:path');
const { ROOT } = require('./lib');

async function main([containerId, port]) {
  const { connectEngine } = require(path.join(ROOT, 'dist', 'docker', 'dockerode-engine.js'));
  const upstream = await connectEngine(undefined, {}).attachStdio(containerId);
  const pending = new Map();
  let next = 1;
  let buffered = '';
  upstream.stdout.on('data', (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const id = /"id":(\d+)/.exec(line)?.[1];
      const waiting = id === undefined ? undefined : pending.get(Number(id));
      if (waiting) {
        pending.delete(Number(id));
        waiting(line);
      }
    }
  });
  const forward = (message) =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      upstream.stdin.write(`${JSON.stringify({ ...message, id })}\n`);
    });
  await forward({ jsonrpc: '2.0', method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'reference', version: '1' } } });
  upstream.stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      if (req.method !== 'POST') return void res.writeHead(200).end();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (body.id === undefined) return void res.writeHead(202).end();
      if (body.method === 'initialize') {
        const answer = JSON.stringify({ jsonrpc: '2.0', id: body.id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'reference', version: '1' } } });
        return void res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'reference' }).end(answer);
      }
      const line = await forward(body);
      const answer = line.replace(/"id":\d+/, `"id":${JSON.stringify(body.id)}`);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) }).end(answer);
    });
  });
  server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
  process.on('SIGTERM', () => {
    upstream.detach();
    process.exit(0);
  });
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
