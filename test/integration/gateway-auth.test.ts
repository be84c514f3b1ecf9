import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { freePort } from '../support/free-port';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

/**
 * `serve` off loopback always wants a bearer token; the token it keeps for the user is a private
 * file, and a file that is empty, shared or a link makes it stop before anything is applied.
 */
describeDocker('the gateway token file fails closed', () => {
  const ws = useWorkspace('gw-auth');
  let file: string;
  let config: string;
  let tokenFile: string;

  beforeAll(() => {
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(file, ['version: 1', `project: ${ws.project}`, 'servers:', '  memory:', `    image: ${TEST_SERVERS_IMAGE}`, '    command: [mcp-server-memory]', ''].join('\n'));
    config = path.join(ws.dir, 'config');
    fs.mkdirSync(path.join(config, 'mcp-orchestrator'), { recursive: true, mode: 0o700 });
    tokenFile = path.join(config, 'mcp-orchestrator', `${ws.project}.gateway-token`);
  });

  const serve = async (): Promise<{ p: CliProcess; port: number }> => {
    const port = await freePort();
    const p = new CliProcess(['serve', '-f', file, '--listen', `0.0.0.0:${port}`, '--debounce', '100'], { XDG_CONFIG_HOME: config, MCP_ORCHESTRATOR_GATEWAY_TOKEN: '', MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
    return { p, port };
  };
  const containers = async (): Promise<number> => (await docker.listContainers({ all: true, filters: { label: [`io.mcp-orchestrator.project=${ws.project}`] } })).length;

  it.each<[string, () => void, RegExp]>([
    ['an empty file', () => fs.writeFileSync(tokenFile, '  \n', { mode: 0o600 }), /is empty/],
    ['a file others may read', () => fs.writeFileSync(tokenFile, 'a'.repeat(40), { mode: 0o644 }), /can be read or written by others \(mode 644\); chmod 600/],
    ['a link to a file', () => {
      const real = path.join(ws.dir, 'elsewhere');
      fs.writeFileSync(real, 'b'.repeat(40), { mode: 0o600 });
      fs.symlinkSync(real, tokenFile);
    }, /is not a regular file/],
  ])('%s: serve stops with a usage error naming it, without a stack trace, having applied nothing', async (_name, plant, message) => {
    fs.rmSync(tokenFile, { force: true });
    plant();
    const { p } = await serve();
    expect(await p.exitedWithin(20_000)).toBe(64);
    const out = p.lines.join('\n');
    expect(out).toMatch(message);
    expect(out).toContain(tokenFile);
    expect(out).not.toMatch(/^\s+at /m);
    expect(await containers()).toBe(0);
  }, 30_000);

  it('with a private token file: a request without Authorization, or with another token, is refused; the token lets it in', async () => {
    fs.rmSync(tokenFile, { force: true });
    const token = 'c'.repeat(40);
    fs.writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    const { p, port } = await serve();
    try {
      const post = (headers: Record<string, string>): Promise<number> =>
        fetch(`http://127.0.0.1:${port}/mcp`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } }) }).then((r) => r.status);
      await waitFor('the gateway listening', async () => ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined)) ? true : undefined), 30_000, 200);
      expect(await post({})).toBe(401);
      expect(await post({ Authorization: 'Bearer ' })).toBe(401);
      expect(await post({ Authorization: `Bearer ${'d'.repeat(40)}` })).toBe(401);
      expect(await post({ Authorization: `Bearer ${token}` })).toBe(200);
      expect(p.lines.join('\n')).not.toContain(token);
    } finally {
      p.kill('SIGTERM');
      await p.exitedWithin(30_000);
    }
  }, 60_000);
});
