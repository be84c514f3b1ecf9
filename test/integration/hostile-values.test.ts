import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { captureOutput } from '../support/capture';
import { describeDocker, TEST_NODE_IMAGE } from '../support/docker';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

describeDocker('values hostile to the engine or to shells', () => {
  // 63 characters: the longest project name the format allows.
  const ws = useWorkspace('hostile', { project: `t-hostile-${process.pid}-`.padEnd(63, 'x') });
  const project = ws.project;
  const server = 's'.repeat(63);

  it('round-trip exactly into the container', async () => {
    const dir = ws.dir;
    const file = path.join(dir, 'mcp-stack.yml');
    const env: Record<string, string> = {
      NEWLINES: 'line one\nline two\n',
      QUOTES: `it's "quoted" \`backticked\``,
      DOLLARS: '$HOME ${HOME} $(id) $$',
      UNICODE: 'héllo wörld ✓ 漢字 🚀',
      EQUALS: 'a=b=c',
      SPACES: '  leading and trailing  ',
      EMPTY: '',
      SEMICOLONS: 'x; rm -rf / #',
    };
    // In the file, a literal $ is written $$ (interpolation); the container must get the text above.
    const written = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace(/\$/g, '$$$$')]));
    const labels = { 'com.example.query': 'a=b&c=d', 'com.example.unicode': 'ünïcode ✓' };
    fs.writeFileSync(
      file,
      stringify({
        version: 1,
        project,
        servers: { [server]: { image: TEST_NODE_IMAGE, command: ['sleep', '600'], ready: 'running', args: ['--flag=$$x', 'two words'], env: written, labels } },
      }),
    );
    const io = captureOutput();
    expect(await main(['apply', '-f', file], { HOME: os.homedir(), MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') }, io)).toBe(ExitCode.OK);
    const info = await docker.getContainer(`${project}-${server}`).inspect();
    expect(info.Name).toBe(`/${project}-${server}`);
    for (const [k, v] of Object.entries(env)) expect(info.Config.Env).toContain(`${k}=${v}`);
    expect(info.Config.Labels).toMatchObject(labels);
    expect(info.Config.Cmd).toEqual(['sleep', '600', '--flag=$x', 'two words']);
    const again = captureOutput();
    expect(await main(['apply', '-f', file], { HOME: os.homedir(), MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') }, again)).toBe(ExitCode.OK);
    expect(again.stdout.join('\n')).toContain('No changes');
  }, 60_000);

  it.each([
    ['a server name of 64 characters', `version: 1\nservers:\n  ${'s'.repeat(64)}: { image: x }\n`, /invalid name "s{64}" in servers: use lowercase letters.*at most 63 characters/],
    ['an env name with "="', 'version: 1\nservers:\n  a: { image: x, env: { "A=B": c } }\n', /invalid name "A=B" in servers\.a\.env: use a name without "=" or white space/],
    ['a label in the reserved prefix', 'version: 1\nservers:\n  a: { image: x, labels: { io.mcp-orchestrator.server: b } }\n', /uses the reserved prefix io\.mcp-orchestrator\./],
    ['a unicode server name', 'version: 1\nservers:\n  sérver: { image: x }\n', /invalid name "sérver" in servers/],
  ])('%s is refused with a clear message', async (_name, text, message) => {
    const f = path.join(ws.dir, 'bad.yml');
    fs.writeFileSync(f, text);
    const io = captureOutput();
    expect(await main(['validate', '-f', f], {}, io)).toBe(ExitCode.INVALID_SPEC);
    expect(io.stderr[0]).toMatch(message);
  });
});
