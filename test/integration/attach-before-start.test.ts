import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import { connectEngine } from '../../src/docker/dockerode-engine';
import { reconcileOnce } from '../../src/runtime/reconciler';
import { loadStack } from '../../src/stack-file/load-stack';
import { describeDocker, TEST_NODE_IMAGE } from '../support/docker';
import { waitFor } from '../support/cli-process';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

/**
 * `serve` attaches to a stdio server's streams between create and start (the executor's
 * beforeStart), so that what the server writes first reaches the gateway. Here the server writes a
 * line the moment it starts; the stream attached before start has it.
 */
describeDocker('attach before start', () => {
  const ws = useWorkspace('early');

  it.each(['create', 'recreate'])('on %s, the hook runs while the container is not yet running, and its stream has the first line the server wrote', async (step) => {
    const file = path.join(ws.dir, 'mcp-stack.yml');
    const write = (tag: string): void =>
      fs.writeFileSync(
        file,
        ['version: 1', `project: ${ws.project}`, 'servers:', '  early:', `    image: ${TEST_NODE_IMAGE}`, `    command: [sh, -c, "echo first-line-${tag}; exec cat"]`, `    env: { TAG: "${tag}" }`, ''].join('\n'),
      );
    const engine = connectEngine(undefined, {});
    const apply = async (tag: string): Promise<{ seen: string; runningAtHook: boolean | undefined; server: string | undefined }> => {
      write(tag);
      const loaded = loadStack(file, {});
      if (!loaded.ok) throw new Error('invalid test stack');
      let seen = '';
      let runningAtHook: boolean | undefined;
      let server: string | undefined;
      const attachedHere: (() => void)[] = [];
      const outcome = await reconcileOnce(loaded.spec, engine, {
        prune: true,
        parallel: 2,
        dryRun: false,
        beforeStart: async (starting) => {
          server = starting.server;
          runningAtHook = (await docker.getContainer(starting.containerId).inspect()).State.Running;
          const attached = await engine.attachStdio(starting.containerId);
          attachedHere.push(() => attached.detach());
          attached.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString()));
        },
      });
      expect(outcome.results.every((r) => r.status === 'done')).toBe(true);
      await waitFor('the first line', () => (seen.includes(`first-line-${tag}`) ? true : undefined), 10_000, 50).catch(() => undefined);
      attachedHere.forEach((detach) => detach());
      return { seen, runningAtHook, server };
    };
    const first = await apply('one');
    const result = step === 'create' ? first : await apply('two');
    const tag = step === 'create' ? 'one' : 'two';
    expect(result.server).toBe('early');
    expect(result.runningAtHook).toBe(false);
    expect(result.seen).toContain(`first-line-${tag}`);
  }, 90_000);
});
