import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineUnreachableError } from '../../src/docker/connection';
import { connectEngine } from '../../src/docker/dockerode-engine';
import { describeDocker } from '../support/docker';

describeDocker('engine connection (real dockerd)', () => {
  it('answers on the default socket with its version', async () => {
    const info = await connectEngine(undefined, {}).info();
    expect(info.serverVersion).toMatch(/^\d+\.\d+/);
    expect(info.os).toBe('linux');
  }, 20_000);

  it('answers when DOCKER_HOST names the socket', async () => {
    const engine = connectEngine(undefined, { DOCKER_HOST: 'unix:///var/run/docker.sock' });
    expect(engine.address).toBe('unix:///var/run/docker.sock');
    await expect(engine.info()).resolves.toHaveProperty('apiVersion');
  }, 20_000);
});

describe('engine connection failures are one clear paragraph', () => {
  it('a socket that does not exist: daemon not running, or not mounted', async () => {
    const engine = connectEngine('unix:///nonexistent/docker.sock', {});
    const err = await engine.info().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineUnreachableError);
    const message = (err as Error).message;
    expect(message).toMatch(/^Cannot reach the Docker engine at unix:\/\/\/nonexistent\/docker\.sock/);
    expect(message).toContain('-v /var/run/docker.sock:/var/run/docker.sock');
  }, 20_000);

  it('a refused TCP port names the address and the WSL2 hint', async () => {
    const engine = connectEngine(undefined, { DOCKER_HOST: 'tcp://127.0.0.1:1' });
    const err = await engine.info().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineUnreachableError);
    expect((err as Error).message).toMatch(/^Cannot reach the Docker engine at tcp:\/\/127\.0\.0\.1:1/);
    expect((err as Error).message).toContain('host.docker.internal');
  }, 20_000);

  it('a path that is not a socket names the path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-sock-'));
    const fake = path.join(dir, 'docker.sock');
    fs.writeFileSync(fake, '');
    try {
      const err = await connectEngine(`unix://${fake}`, {}).info().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineUnreachableError);
      expect((err as Error).message).toMatch(new RegExp(`^Cannot reach the Docker engine at unix://${fake}`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
