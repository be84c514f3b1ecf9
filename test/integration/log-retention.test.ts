import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import Docker from 'dockerode';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { connectEngine } from '../../src/docker/dockerode-engine';
import { StreamTransport } from '../../src/mcp/stream-transport';
import { captureOutput } from '../support/capture';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

/**
 * A stdio server's stdout is its MCP traffic: it runs behind the stdio host, so the engine keeps its
 * stderr only (bounded by default), and `logging: { driver: none }` keeps nothing at all.
 */
describeDocker('log retention of server output', () => {
  const ws = useWorkspace('logs');
  let file: string;
  const cli = async (...args: string[]): Promise<{ code: number; err: string }> => {
    const io = captureOutput();
    const code = await main(args, { HOME: os.homedir(), MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') }, io, { stdout: new PassThrough(), stderr: new PassThrough() });
    return { code, err: io.stderr.join('\n') };
  };

  beforeAll(async () => {
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        `project: ${ws.project}`,
        'servers:',
        '  bounded:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-memory]',
        '  private:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-memory]',
        '    logging: { driver: none }',
        '',
      ].join('\n'),
    );
    expect((await cli('apply', '-f', file)).code).toBe(ExitCode.OK);
  }, 120_000);

  it('by default a stdio server keeps at most 1 MiB of output, in one file', async () => {
    const info = await docker.getContainer(`${ws.project}-bounded`).inspect();
    expect(info.HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-file': '1', 'max-size': '1m' } });
  });

  it("by default the engine keeps a stdio server's stderr and none of its MCP traffic: a canary stored and read back through attach is in no log", async () => {
    const info = await docker.getContainer(`${ws.project}-bounded`).inspect();
    const attached = await connectEngine(undefined, {}).attachStdio(info.Id);
    const client = new Client({ name: 'test', version: '1' }, { capabilities: {} });
    try {
      await client.connect(new StreamTransport(attached.stdout, attached.stdin, async () => attached.detach()));
      await client.callTool({ name: 'create_entities', arguments: { entities: [{ name: 'log-canary-1c9e', entityType: 'x', observations: [] }] } });
      const graph = await client.callTool({ name: 'read_graph', arguments: {} });
      expect(JSON.stringify(graph)).toContain('log-canary-1c9e');
    } finally {
      await client.close();
    }
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    expect(await main(['logs', 'bounded', '-f', file], { HOME: os.homedir() }, captureOutput(), { stdout: out, stderr: out })).toBe(ExitCode.OK);
    const shown = Buffer.concat(chunks).toString('utf8');
    expect(shown).toContain('Knowledge Graph MCP Server running on stdio');
    expect(shown).not.toContain('log-canary-1c9e');
    expect(shown).not.toContain('jsonrpc');
    // The engine's own file, as it is on disk.
    const onDisk = await docker.getContainer(info.Id).logs({ stdout: true, stderr: true, follow: false });
    expect(onDisk.toString('utf8')).not.toContain('log-canary-1c9e');
  }, 60_000);

  it("the stdio host's runtime volume is filled through a helper container that never outlives its owner: one a killed process left is removed by the next apply", async () => {
    const left = await docker.createContainer({
      Image: TEST_SERVERS_IMAGE,
      Entrypoint: ['/nonexistent'],
      Labels: { 'io.mcp-orchestrator.runtime-fill': `${os.hostname()}/2147483646` },
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      // A new process fills (or checks) the volume once: the leftover goes then.
      const moved = fs.readFileSync(file, 'utf8').replace('command: [mcp-server-memory]\n  private:', 'command: [mcp-server-memory]\n    env: { RECREATE: "1" }\n  private:');
      fs.writeFileSync(file, moved);
      expect((await cli('apply', '-f', file)).code).toBe(ExitCode.OK);
      const helpers = await docker.listContainers({ all: true, filters: { label: ['io.mcp-orchestrator.runtime-fill'] } });
      expect(helpers).toEqual([]);
    } finally {
      await left.remove({ force: true }).catch(() => undefined);
    }
  }, 120_000);

  it('with driver none, protocol traffic (a canary stored through a tool) is nowhere on disk, and logs says why it has nothing', async () => {
    const info = await docker.getContainer(`${ws.project}-private`).inspect();
    expect(info.HostConfig.LogConfig?.Type).toBe('none');
    const attached = await connectEngine(undefined, {}).attachStdio(info.Id);
    const client = new Client({ name: 'test', version: '1' }, { capabilities: {} });
    try {
      await client.connect(new StreamTransport(attached.stdout, attached.stdin, async () => attached.detach()));
      await client.callTool({ name: 'create_entities', arguments: { entities: [{ name: 'log-canary-7f3a', entityType: 'x', observations: [] }] } });
    } finally {
      await client.close();
    }
    expect(info.LogPath).toBe('');
    const logs = await cli('logs', 'private', '-f', file);
    expect(logs.code).toBe(ExitCode.FAILED);
    expect(logs.err).toContain('server private keeps no logs the engine can read');
  }, 60_000);
});
