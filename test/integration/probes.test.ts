import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_NODE_IMAGE } from '../support/docker';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

/**
 * A `test` killed during its probe leaves a container with the server's environment (its
 * secrets): it carries the project's label and a probe label, so `down` removes it with the rest
 * and the next `apply` or `test` removes it as a leftover.
 */
describeDocker('probe containers of a killed `test`', () => {
  const ws = useWorkspace('probes');
  let file: string;
  const env = (): NodeJS.ProcessEnv => ({ MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
  const probes = async (): Promise<Docker.ContainerInfo[]> =>
    docker.listContainers({ all: true, filters: { label: [`io.mcp-orchestrator.project=${ws.project}`, 'io.mcp-orchestrator.probe'] } });

  /** Starts `test` on a server that never answers the handshake, and SIGKILLs it once its probe runs. */
  const killedTest = async (): Promise<Docker.ContainerInfo> => {
    const run = new CliProcess(['test', '-f', file, '--timeout', '120'], env());
    const probe = await waitFor('the probe container', async () => (await probes()).find((c) => c.State === 'running'), 60_000);
    run.kill('SIGKILL');
    await run.exited;
    return probe;
  };

  beforeAll(() => {
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      ['version: 1', `project: ${ws.project}`, 'servers:', '  silent:', `    image: ${TEST_NODE_IMAGE}`, '    command: [sleep, "600"]', '    ready: running', '    env: { API_TOKEN: probe-canary }', ''].join('\n'),
    );
  });

  it('down removes a leftover probe, and then the network (no "active endpoints")', async () => {
    const probe = await killedTest();
    expect(probe.Labels['io.mcp-orchestrator.project']).toBe(ws.project);
    expect(probe.Labels['io.mcp-orchestrator.server']).toBeUndefined();
    const down = new CliProcess(['down', '-f', file], env());
    expect(await down.exitedWithin(60_000)).toBe(0);
    expect(await probes()).toEqual([]);
    expect(await docker.listNetworks({ filters: { label: [`io.mcp-orchestrator.project=${ws.project}`] } })).toEqual([]);
  }, 120_000);

  it('the next apply removes a leftover probe and leaves the server alone', async () => {
    await killedTest();
    const apply = new CliProcess(['apply', '-f', file], env());
    expect(await apply.exitedWithin(60_000)).toBe(0);
    expect(apply.lines.join('\n')).toMatch(/remove container \S+\.probe-/);
    expect(await probes()).toEqual([]);
    const servers = await docker.listContainers({ filters: { label: [`io.mcp-orchestrator.project=${ws.project}`, 'io.mcp-orchestrator.server=silent'] } });
    expect(servers.map((c) => c.State)).toEqual(['running']);
  }, 120_000);
});
