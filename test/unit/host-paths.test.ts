import { containerIdFromMountinfo, hostPathMapper } from '../../src/core/host-paths';
import { computePlan } from '../../src/core/planner';
import { formatPlan } from '../../src/core/plan';
import { desiredState } from '../../src/core/desired-state';
import { desiredFrom, emptyObserved, specFrom } from '../support/stacks';

describe('paths across the socket', () => {
  const map = hostPathMapper([
    { inContainer: '/project', onHost: '/home/alice/stack' },
    { inContainer: '/project/cache', onHost: '/mnt/cache' },
    { inContainer: '/var/run/docker.sock', onHost: '/var/run/docker.sock' },
  ]);

  it.each([
    ['/project', '/home/alice/stack'],
    ['/project/data', '/home/alice/stack/data'],
    ['/project/cache/x', '/mnt/cache/x'],
    ['/projectx', undefined],
    ['/etc/passwd', undefined],
  ])('%s -> %s (deepest mount wins)', (p, host) => expect(map(p)).toBe(host));

  it('finds the container ID in /proc/self/mountinfo', () => {
    const id = 'a'.repeat(64);
    const line = `612 590 254:0 /var/lib/docker/containers/${id}/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw`;
    expect(containerIdFromMountinfo(`1 2 3 / / rw - overlay overlay rw\n${line}\n`)).toBe(id);
    expect(containerIdFromMountinfo('1 2 3 / / rw - ext4 /dev/vda rw\n')).toBeUndefined();
  });

  it('is not fooled by another container\'s directory in the host\'s own mount table (a Swarm task\'s secrets)', () => {
    const other = 'b'.repeat(64);
    const secrets = `63 42 0:45 / /var/lib/docker/containers/${other}/mounts/secrets ro,relatime shared:5 - tmpfs tmpfs ro`;
    expect(containerIdFromMountinfo(`1 2 3 / / rw - ext4 /dev/vda rw\n${secrets}\n`)).toBeUndefined();
    const own = 'c'.repeat(64);
    const hostname = `612 590 254:0 /docker/containers/${own}/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw`;
    expect(containerIdFromMountinfo(`${secrets}\n${hostname}\n`)).toBe(own);
  });

  it('a bind no mount covers fails that server alone, saying which path and why', () => {
    const yaml = 'version: 1\nproject: p\nallow: [host_paths]\nservers:\n  a: { image: "a:1", volumes: ["./data:/data"] }\n  b: { image: "b:1", volumes: ["/elsewhere:/x"] }\n';
    const inContainer = hostPathMapper([{ inContainer: '/stacks/test', onHost: '/home/alice/stack' }]);
    const d = desiredState(specFrom(yaml), { hostPath: inContainer });
    expect(d.containers.find((c) => c.server === 'a')?.spec.binds).toEqual(['/home/alice/stack/data:/data']);
    const plan = formatPlan(computePlan(d, emptyObserved('p')));
    expect(plan).toContain(
      '! fail           server b: bind source /elsewhere is not under any mount of the orchestrator\'s container, so the host engine cannot see it: mount it into the orchestrator, or pass --host-project-dir',
    );
    expect(plan).toContain('+ create         server a: no container');
    // Outside a container, paths are the host's own.
    expect(desiredFrom(yaml).containers.find((c) => c.server === 'a')?.spec.binds).toEqual(['/stacks/test/data:/data']);
  });
});
