import { repeatedName } from '../../src/mcp/tool-list';
import { collidingNames } from '../../src/stack-file/semantic-checks';

describe('names that would be ambiguous to clients', () => {
  it('a name a server lists twice is found; distinct names are not', () => {
    expect(repeatedName([{ name: 'echo' }, { name: 'add' }, { name: 'echo' }])).toBe('echo');
    expect(repeatedName([{ name: 'echo' }, { name: 'Echo' }])).toBeUndefined();
    expect(repeatedName([])).toBeUndefined();
  });

  it.each<[string[], string, [string, string][]]>([
    [['a', 'a_'], '__', [['a', 'a_']]],
    [['a', 'a_', 'a-b', 'b'], '__', [['a', 'a_']]],
    [['a', 'a-'], '--', [['a', 'a-']]],
    [['a', 'a-'], '__', []],
    [['a', 'a-'], '-.', []],
    [['a', 'ab'], '__', []],
    [['x', 'x::'], '::', []],
  ])('server names %j with separator %s collide as %j', (names, separator, pairs) => {
    expect(collidingNames(names, separator)).toEqual(pairs);
  });

  it('every pair it lets through splits back unambiguously (exhaustive over short names and tools)', () => {
    const alphabet = ['a', '_', '-'];
    const words = (n: number): string[] => (n === 0 ? [''] : words(n - 1).flatMap((w) => alphabet.map((c) => w + c)));
    const names = [...words(1), ...words(2)].filter((w) => /^[a-z0-9]/.test(w));
    const tools = [...words(1), ...words(2), ...words(3)];
    for (const separator of ['__', '--', '_-', '.']) {
      const allowed = names.filter((n) => !n.includes(separator));
      const refused = new Set(collidingNames(allowed, separator).map(([, b]) => b));
      const servers = allowed.filter((n) => !refused.has(n));
      const seen = new Map<string, string>();
      for (const s of servers) {
        for (const t of tools) {
          const q = `${s}${separator}${t}`;
          const other = seen.get(q);
          if (other !== undefined && other !== s) throw new Error(`${q} is a tool of both ${other} and ${s} (separator ${separator})`);
          seen.set(q, s);
        }
      }
    }
  });
});
