import { qualify, resourceOwners, ResourceSubscriptions, toolAllowed, unqualify, type ResourceLists } from '../../src/gateway/names';

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

  it('a resource read is routed to the server that listed the URI, or whose template matches it (or is it); a URI two servers list names both', () => {
    const lists = (uris: string[], templates: string[] = []): ResourceLists => ({ resources: uris.map((uri) => ({ uri })), templates: templates.map((uriTemplate) => ({ uriTemplate })) });
    const servers = new Map<string, ResourceLists>([
      ['memory', lists(['memory://graph'])],
      ['fs', lists(['file:///data/a.txt'], ['file:///data/{name}', 'not a {valid'])],
    ]);
    expect(resourceOwners('file:///data/a.txt', servers)).toEqual(['fs']);
    expect(resourceOwners('file:///data/b.txt', servers)).toEqual(['fs']);
    expect(resourceOwners('file:///data/{name}', servers)).toEqual(['fs']);
    expect(resourceOwners('file:///etc/passwd', servers)).toEqual([]);
    servers.set('other', lists(['memory://graph']));
    expect(resourceOwners('memory://graph', servers)).toEqual(['memory', 'other']);
    servers.set('other', lists([]));
    expect(resourceOwners('memory://graph', servers)).toEqual(['memory']);
    servers.delete('fs');
    expect(resourceOwners('file:///data/a.txt', servers)).toEqual([]);
  });
});

describe('resource subscriptions through the gateway', () => {
  it('one upstream subscription per URI: the first subscriber subscribes, the last one out unsubscribes', () => {
    const subs = new ResourceSubscriptions<string>();
    expect(subs.add('s', 'u', 'a')).toBe(true);
    expect(subs.add('s', 'u', 'b')).toBe(false);
    expect(subs.subscribers('s', 'u')).toEqual(['a', 'b']);
    expect(subs.remove('s', 'u', 'a')).toBe(false);
    expect(subs.removeAll('b')).toEqual([{ server: 's', uri: 'u' }]);
    expect(subs.subscribers('s', 'u')).toEqual([]);
    expect(subs.remove('s', 'u', 'b')).toBe(false);
  });
});
