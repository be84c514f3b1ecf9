import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic } from '../../src/errors';
import { loadStack } from '../../src/stack-file/load-stack';

/**
 * The allow: policy judges what a path is, on the real file system: links followed, only regular
 * files read. Each case is one a stack file could use to reach the host without `allow:`.
 */
describe('policy follows the file system', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-policy-')));
    dir = path.join(root, 'project');
    fs.mkdirSync(dir);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const errors = (stack: string, env: NodeJS.ProcessEnv = {}): string[] => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, `version: 1\nproject: p\n${stack}`);
    const r = loadStack(file, env);
    return r.ok ? [] : r.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).slice(file.length + 1));
  };
  const server = (settings: string): string => `servers:\n  a:\n    image: busybox\n${settings}`;

  it.each<[string, string, string[]]>([
    ['the project directory, writable', './:/work', ['6:15: server "a" mounts ./ writable, and it holds the stack file, the lockfile, the control tools\' proposals, an env_file: the server could rewrite what it may do; mount it :ro (with allow: [stack_dir]) or mount a directory that does not hold them']],
    ['a link to it, writable', './here:/work', ['6:15: server "a" mounts ./here writable, and it holds the stack file, the lockfile, the control tools\' proposals, an env_file: the server could rewrite what it may do; mount it :ro (with allow: [stack_dir]) or mount a directory that does not hold them']],
    ['the directory of an env_file, writable', './conf:/conf', ['6:15: server "a" mounts ./conf writable, and it holds an env_file: the server could rewrite what it may do; mount it :ro (with allow: [stack_dir]) or mount a directory that does not hold them']],
    ['the project directory, read-only', './:/work:ro', ['6:15: server "a" mounts ./, which holds the stack file, the lockfile, the control tools\' proposals, an env_file: the server can read them; add "stack_dir" to the top-level allow: list to permit it']],
    ['a directory that holds none of them, writable', './data:/data', []],
  ])('what a server could write is judged: %s', (_name, volume, expected) => {
    fs.mkdirSync(path.join(dir, 'data'));
    fs.mkdirSync(path.join(dir, 'conf'));
    fs.writeFileSync(path.join(dir, 'conf', 'a.env'), 'A=1\n', { mode: 0o600 });
    fs.symlinkSync('.', path.join(dir, 'here'));
    expect(errors(server(`    volumes: ["${volume}"]\n    env_file: conf/a.env\n`))).toEqual(expected);
  });

  it('a link inside the project to / is the host root: host_paths', () => {
    fs.symlinkSync('/', path.join(dir, 'hostroot'));
    expect(errors(server('    volumes: [./hostroot:/host]\n'))).toEqual([
      `6:15: server "a" mounts ./hostroot (a link to /), outside the project directory ${dir}; add "host_paths" to the top-level allow: list to permit it`,
      `6:15: server "a" mounts ./hostroot writable, and it holds the stack file, the lockfile, the control tools' proposals: the server could rewrite what it may do; mount it :ro (with allow: [stack_dir]) or mount a directory that does not hold them`,
    ]);
  });

  it('a link to the engine socket is the engine socket: docker_socket', () => {
    fs.symlinkSync('/var/run/docker.sock', path.join(dir, 'sock'));
    expect(errors(server('    volumes: [./sock:/var/run/docker.sock]\n'))[0]).toMatch(/server "a" mounts \.\/sock \(a link to \/run\/docker\.sock\), the Docker engine socket: .*add "docker_socket"/);
  });

  it('what the engine mounts is the resolved path, so a link changed after the check changes nothing', () => {
    fs.mkdirSync(path.join(root, 'project', 'real-data'));
    fs.symlinkSync('real-data', path.join(dir, 'data'));
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, `version: 1\nproject: p\n${server('    volumes: [./data:/data]\n')}`);
    const r = loadStack(file, {});
    expect(r.ok && r.spec.servers[0]?.mounts[0]).toMatchObject({ type: 'bind', source: path.join(dir, 'real-data') });
  });

  it('secrets, env_file, tls.ca_file, build context and develop.watch outside the project need host_paths, through links too', () => {
    fs.writeFileSync(path.join(root, 'host.env'), 'A=1\n');
    fs.symlinkSync('/etc/passwd', path.join(dir, 'innocent.txt'));
    fs.writeFileSync(path.join(root, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const found = errors(
      [
        'tls: { ca_file: ../ca.pem }',
        'secrets:',
        '  shadow: { file: ./innocent.txt }',
        'servers:',
        '  a:',
        '    build: { context: .. }',
        '    env_file: [../host.env]',
        '    secrets: [shadow]',
        '    develop: { watch: [{ path: /usr, action: restart }] }',
        '',
      ].join('\n'),
    );
    expect(found).toEqual([
      `3:17: ca_file ../ca.pem, outside the project directory ${dir}; add "host_paths" to the top-level allow: list to permit it`,
      `5:19: secret "shadow" reads ./innocent.txt (a link to /etc/passwd), outside the project directory ${dir}; add "host_paths" to the top-level allow: list to permit it`,
      `8:23: server "a" builds from .., outside the project directory ${dir}; add "host_paths" to the top-level allow: list to permit it`,
      `9:16: env_file ../host.env, outside the project directory ${dir}; add "host_paths" to the top-level allow: list to permit it`,
      `11:32: server "a" watches /usr, outside the project directory ${dir}; add "host_paths" to the top-level allow: list to permit it`,
    ]);
    expect(errors(`allow: [host_paths]\n${server('    env_file: [../host.env]\n')}`)).toEqual([]);
  });

  it('a .env that links outside the project needs host_paths', () => {
    fs.writeFileSync(path.join(root, 'outside.env'), 'TAG=1\n');
    fs.symlinkSync(path.join(root, 'outside.env'), path.join(dir, '.env'));
    expect(errors(server(''))).toEqual([`1:1: .env (a link to ${path.join(root, 'outside.env')}) is outside the project directory ${dir}; add "host_paths" to the top-level allow: list to permit it`]);
    expect(errors(`allow: [host_paths]\n${server('')}`)).toEqual([]);
  });

  it('only regular files are read: a FIFO (which would block forever) and /dev/zero (which never ends) are refused at once', () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.env')]);
    const started = Date.now();
    const found = errors(`allow: [host_paths]\n${server('    env_file: [./pipe.env, /dev/zero]\n')}`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect([...found].sort()).toEqual([
      `7:16: env_file "./pipe.env" cannot be read: it is not a regular file (a FIFO)`,
      `7:16: env_file ./pipe.env, which is a device or FIFO, not a regular file`,
      `7:28: env_file "/dev/zero" cannot be read: it is not a regular file (a device)`,
      `7:28: env_file /dev/zero, which is a device or FIFO, not a regular file`,
    ].sort());
  });

  it('a FIFO as .env, secret or CA file is refused, not read', () => {
    execFileSync('mkfifo', [path.join(dir, '.env')]);
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, `version: 1\n${server('')}`);
    const r = loadStack(file, {});
    expect(r.ok ? [] : r.diagnostics.map(formatDiagnostic)).toEqual([`${path.join(dir, '.env')}:1:1: cannot read .env: it is not a regular file (a FIFO)`]);
    fs.rmSync(path.join(dir, '.env'));
    execFileSync('mkfifo', [path.join(dir, 'secret')]);
    expect(errors(`secrets:\n  s: { file: ./secret }\n${server('    secrets: [s]\n')}`)).toContain('4:14: secret "s" reads ./secret, which is a device or FIFO, not a regular file');
  });

  it('a device as a bind source needs devices; a CA file holding a private key is refused', () => {
    expect(errors(server('    volumes: [/dev/null:/x]\n'))).toEqual(expect.arrayContaining([expect.stringContaining('server "a" mounts /dev/null, a device or FIFO: access to host hardware; add "devices"')]));
    fs.writeFileSync(path.join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    expect(errors(`tls: { ca_file: ./ca.pem }\n${server('')}`)).toEqual(['3:17: ca_file "./ca.pem" holds a private key: a CA file holds certificates only']);
  });

  it("capabilities are judged as the set the container gets: cap_drop: [] keeps Docker's NET_RAW", () => {
    expect(errors(server('    cap_drop: []\n'))).toEqual([
      `6:15: server "a" keeps Docker's default capability NET_RAW, which gives power over the host (cap_drop does not drop it; the default is [ALL]); add "cap_add" to the top-level allow: list to permit it`,
    ]);
    expect(errors(server('    cap_drop: [NET_RAW]\n'))).toEqual([]);
    expect(errors(server('    cap_drop: [ALL]\n    cap_add: [CHOWN]\n'))).toEqual([]);
  });
});
