import { qualify, ResourceOwners, toolAllowed, unqualify } from '../../src/gateway/names';

describe('gateway names', () => {
  it('every name is prefixed, whatever other servers exist', () => {
    expect(qualify('memory', 'create_entities')).toBe('memory__create_entities');
    expect(qualify('fs', 'read', '.')).toBe('fs.read');
  });

  it('a qualified name splits back into server and name; an unknown prefix is undefined', () => {
    const servers = ['memory', 'mem', 'everything'];
    expect(unqualify('memory__create_entities', servers)).toEqual({ server: 'memory', name: 'create_entities' });
    expect(unqualify('mem__x__y', servers)).toEqual({ server: 'mem', name: 'x__y' });
    expect(unqualify('nobody__x', servers)).toBeUndefined();
    expect(unqualify('memory', servers)).toBeUndefined();
  });

  it('adding a server never changes how existing names split', () => {
    const before = unqualify('fs__read_file', ['fs']);
    expect(unqualify('fs__read_file', ['fs', 'fs2', 'github'])).toEqual(before);
  });

  it('allow then deny, by the server\'s own names', () => {
    expect(toolAllowed('a', undefined)).toBe(true);
    expect(toolAllowed('a', { allow: ['a', 'b'], deny: ['b'] })).toBe(true);
    expect(toolAllowed('b', { allow: ['a', 'b'], deny: ['b'] })).toBe(false);
    expect(toolAllowed('c', { allow: ['a'] })).toBe(false);
    expect(toolAllowed('c', { deny: ['a'] })).toBe(true);
  });

  it('a resource read is routed to the server that listed the URI', () => {
    const owners = new ResourceOwners();
    owners.record('memory', ['memory://graph']);
    owners.record('fs', ['file:///data/a.txt']);
    expect(owners.ownerOf('file:///data/a.txt')).toBe('fs');
    owners.forget('fs');
    expect(owners.ownerOf('file:///data/a.txt')).toBeUndefined();
    expect(owners.ownerOf('memory://graph')).toBe('memory');
  });
});
