// A minimal stdio MCP server without dependencies: answers initialize and tools/list.
const readline = require('node:readline');
const send = (msg) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let req;
  try { req = JSON.parse(line); } catch { return; }
  if (req.id === undefined) return;
  if (req.method === 'initialize') {
    send({ id: req.id, result: { protocolVersion: req.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'hello', version: '1.0.0' } } });
  } else if (req.method === 'tools/list') {
    send({ id: req.id, result: { tools: [{ name: 'hello', description: 'Says hello', inputSchema: { type: 'object' } }] } });
  } else if (req.method === 'tools/call') {
    send({ id: req.id, result: { content: [{ type: 'text', text: 'hello from a container' }] } });
  } else {
    send({ id: req.id, error: { code: -32601, message: `method not found: ${req.method}` } });
  }
});
