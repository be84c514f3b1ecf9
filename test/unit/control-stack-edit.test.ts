import { editServers } from '../../src/control/stack-edit';

const stack = `# the team's stack
version: 1
servers:
  # notes for the memory server
  memory:
    image: mcp/memory:1   # pinned
  fetch:
    uvx: mcp-server-fetch==2025.4.7
gateway:
  servers:
    fetch: { tools: { deny: [fetch] } }
`;

it('the last server of a file without a final newline, and an empty servers: map', () => {
  expect(editServers('version: 1\nservers:\n  a:\n    image: x:1', { kind: 'add', name: 'b', definition: { image: 'y:1' } })).toEqual({ ok: true, text: 'version: 1\nservers:\n  a:\n    image: x:1\n  b:\n    image: y:1\n' });
  expect(editServers('version: 1\nservers:\n  a:\n    image: x:1', { kind: 'remove', name: 'a' })).toEqual({ ok: true, text: 'version: 1\nservers: {}\n' });
});

describe('control edits of the stack file keep what people wrote', () => {
  it('add: the new server goes at the end of servers; every other byte of the file stays', () => {
    const r = editServers(stack, { kind: 'add', name: 'everything', definition: { npx: '@modelcontextprotocol/server-everything@2026.8.31', args: ['--port', 1] } });
    const expected = stack.replace('gateway:', '  everything:\n    npx: "@modelcontextprotocol/server-everything@2026.8.31"\n    args:\n      - --port\n      - 1\ngateway:');
    expect(r).toEqual({ ok: true, text: expected });
  });

  it('change: the definition is replaced in place; the server keeps its position and its comment', () => {
    const r = editServers(stack, { kind: 'change', name: 'memory', definition: { image: 'mcp/memory:2' } });
    expect(r.ok && r.text).toBe(stack.replace('    image: mcp/memory:1   # pinned\n', '    image: mcp/memory:2\n'));
  });

  it('remove: the server and its gateway settings go', () => {
    const r = editServers(stack, { kind: 'remove', name: 'fetch' });
    expect(r.ok && r.text).toBe("# the team's stack\nversion: 1\nservers:\n  # notes for the memory server\n  memory:\n    image: mcp/memory:1   # pinned\ngateway:\n  servers: {}\n");
  });

  it('adding a server that exists, or changing or removing one that does not, says so', () => {
    expect(editServers(stack, { kind: 'add', name: 'memory', definition: {} })).toEqual({ ok: false, message: 'server "memory" exists already; change_server replaces it' });
    expect(editServers(stack, { kind: 'remove', name: 'nobody' })).toEqual({ ok: false, message: 'no server "nobody" in the stack file' });
    expect(editServers('version: 1\n', { kind: 'remove', name: 'x' })).toEqual({ ok: false, message: 'the stack file has no servers: mapping to edit' });
  });
});
