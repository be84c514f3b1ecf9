import { bridgeArgs, bridgedImage, BRIDGE_HOME } from '../../src/recipes/bridged-image';

describe('the bridged image of a stdio server', () => {
  const image = bridgedImage('fleet', 'sha256:aaaa', ['node', '/app/server.js'], 'r1');

  it('runs the bridge through its own loader; by default in front of what the base image ran, every value JSON', () => {
    const lines = image.dockerfile.split('\n');
    expect(lines[0]).toBe('FROM sha256:aaaa');
    expect(lines[1]).toBe(`COPY mcp-orchestrator ${BRIDGE_HOME}`);
    expect(JSON.parse(lines[2]?.replace(/^ENTRYPOINT /, '') ?? '')).toEqual([
      `${BRIDGE_HOME}/ld.so`,
      '--library-path',
      `${BRIDGE_HOME}/lib`,
      `${BRIDGE_HOME}/node`,
      `${BRIDGE_HOME}/mcp-orchestrator.js`,
      'bridge',
      '--listen',
      '0.0.0.0:8811',
      '--token-file',
      '/run/mcp-orchestrator/bridge-token',
    ]);
    expect(JSON.parse(lines[3]?.replace(/^CMD /, '') ?? '')).toEqual(['--', 'node', '/app/server.js']);
  });

  it('a server runs behind it by its arguments: its name, then its command, each one string', () => {
    expect(bridgeArgs('memory', ['node', '/app/server.js', '--flag'])).toEqual(['--name', 'memory', '--', 'node', '/app/server.js', '--flag']);
    expect(bridgeArgs('x', ['sh', '-c', 'echo "$(id)"; rm -rf /'])).toEqual(['--name', 'x', '--', 'sh', '-c', 'echo "$(id)"; rm -rf /']);
  });

  it('is named by the project, the base image and the runtime: servers on one base share it', () => {
    expect(image.tag).toMatch(/^fleet-bridged:[0-9a-f]{16}$/);
    expect(bridgedImage('fleet', 'sha256:aaaa', ['node', '/app/server.js'], 'r1').tag).toBe(image.tag);
    expect(bridgedImage('fleet', 'sha256:bbbb', ['node', '/app/server.js'], 'r1').tag).not.toBe(image.tag);
    expect(bridgedImage('fleet', 'sha256:aaaa', ['node', '/app/server.js'], 'r2').tag).not.toBe(image.tag);
    expect(bridgedImage('other', 'sha256:aaaa', ['node', '/app/server.js'], 'r1').tag).not.toBe(image.tag);
  });
});
