import { bridgedImage, BRIDGE_HOME } from '../../src/core/bridged-image';

describe('the bridged image of a stdio server', () => {
  const image = bridgedImage('fleet', 'memory', 'sha256:aaaa', ['node', '/app/server.js', '--flag'], 'r1');

  it('runs the bridge through its own loader in front of what the server ran, every value JSON', () => {
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
      '--name',
      'memory',
      '--token-file',
      '/run/mcp-orchestrator/bridge-token',
      '--',
    ]);
    expect(JSON.parse(lines[3]?.replace(/^CMD /, '') ?? '')).toEqual(['node', '/app/server.js', '--flag']);
  });

  it('a command with quotes and shell syntax stays one JSON string each', () => {
    const odd = bridgedImage('fleet', 'x', 'sha256:b', ['sh', '-c', 'echo "$(id)"; rm -rf /'], 'r1');
    expect(JSON.parse(odd.dockerfile.split('\n')[3]?.replace(/^CMD /, '') ?? '')).toEqual(['sh', '-c', 'echo "$(id)"; rm -rf /']);
  });

  it('is named by everything it is made of', () => {
    expect(image.tag).toMatch(/^fleet-memory-bridged:[0-9a-f]{16}$/);
    expect(bridgedImage('fleet', 'memory', 'sha256:aaaa', ['node', '/app/server.js', '--flag'], 'r1').tag).toBe(image.tag);
    expect(bridgedImage('fleet', 'memory', 'sha256:bbbb', ['node', '/app/server.js', '--flag'], 'r1').tag).not.toBe(image.tag);
    expect(bridgedImage('fleet', 'memory', 'sha256:aaaa', ['node', '/app/server.js'], 'r1').tag).not.toBe(image.tag);
    expect(bridgedImage('fleet', 'memory', 'sha256:aaaa', ['node', '/app/server.js', '--flag'], 'r2').tag).not.toBe(image.tag);
  });
});
