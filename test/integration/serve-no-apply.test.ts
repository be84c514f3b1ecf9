import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { connectBothEras } from '../support/era-clients';
import { freePort } from '../support/free-port';
import { untilServing } from '../support/gateway-health';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

/**
 * `serve --no-apply`: the gateway alone, following what runs and changing nothing. What a gateway
 * beside a team's CI (which applies) needs: before, serve also reconciled, so a `down` run elsewhere
 * was undone by it within a resync.
 */
describeDocker('serve --no-apply: the gateway follows what another process applies', () => {
  const ws = useWorkspace('noapply');

  it('serves what apply starts, creates nothing itself, and leaves a down elsewhere down', async () => {
    const file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(file, ['version: 1', `project: ${ws.project}`, 'servers:', '  memory:', `    image: ${TEST_SERVERS_IMAGE}`, '    command: [mcp-server-memory]', ''].join('\n'));
    const containers = async (): Promise<number> => (await docker.listContainers({ all: true, filters: { label: [`io.mcp-orchestrator.project=${ws.project}`] } })).length;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const serve = new CliProcess(['serve', '-f', file, '--no-apply', '--listen', `127.0.0.1:${port}`, '--resync', '1', '--log-format', 'json'], {});
    const cli = async (args: string[]): Promise<number | null | 'timeout'> => new CliProcess([...args, '-f', file], {}).exitedWithin(60_000);
    try {
      const state = async (): Promise<string | undefined> => ((await (await fetch(`${base}/healthz`)).json()) as { servers: Record<string, { state: string }> }).servers['memory']?.state;
      await waitFor('the gateway listening, memory not running', async () => ((await state()) === 'down' ? true : undefined), 20_000, 250);
      // Several resyncs later, still nothing created.
      await new Promise((r) => setTimeout(r, 3000));
      expect(await containers()).toBe(0);

      expect(await cli(['apply'])).toBe(0);
      await untilServing(base, 'memory', 60_000);
      const clients = await connectBothEras(new URL(`${base}/mcp`));
      try {
        expect((await clients.modern.listTools()).tools.map((t) => t.name)).toContain('memory__read_graph');
      } finally {
        await clients.close();
      }

      expect(await cli(['down'])).toBe(0);
      await waitFor('the gateway seeing memory gone', async () => ((await state()) !== 'up' ? true : undefined), 20_000, 250);
      await new Promise((r) => setTimeout(r, 3000));
      expect(await containers()).toBe(0);
    } finally {
      serve.kill();
    }
    expect(await serve.exitedWithin(20_000)).toBe(0);
    expect(serve.json().find((l) => l['message'] === 'watching')?.['changes']).toBe('none (--no-apply)');
  }, 150_000);
});
