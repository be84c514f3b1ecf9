import { CallerRules, matcher } from '../../src/gateway/caller-rules';
import type { Caller } from '../../src/gateway/caller-auth';

const caller = (claims: Record<string, unknown>): Caller => ({
  subject: String(claims['sub'] ?? 'someone'),
  ...(typeof claims['client_id'] === 'string' && { clientId: claims['client_id'] }),
  scopes: String(claims['scope'] ?? '').split(' ').filter(Boolean),
  claims,
});

/** gateway.rules, decided offline: allow-lists over claims, deny by default once any rule exists. */
describe('caller rules', () => {
  const rules = new CallerRules([
    { name: 'engineering', when: { groups: ['eng', 'platform-*'] }, allow: { tools: ['github__*', 'memory__read_*'], prompts: ['github__review'] } },
    { name: 'ops-cli', when: { roles: ['ops'], client_id: ['ops-cli'], scopes: ['mcp'] }, allow: { servers: ['grafana'], resources: ['file:///runbooks/*'] } },
    { name: 'everyone', when: {}, allow: { tools: ['time__now'] } },
  ]);
  const tool = (server: string, name: string): { kind: 'tool'; server: string; name: string } => ({ kind: 'tool', server, name: `${server}__${name}` });

  it('a rule whose every when-key matches allows what it names, and says so', () => {
    expect(rules.decide(caller({ sub: 'a', groups: ['eng'] }), tool('github', 'create_issue'))).toEqual({ allowed: true, rule: 'engineering', reason: 'rule engineering allows it' });
    expect(rules.decide(caller({ sub: 'a', groups: ['platform-db'] }), tool('memory', 'read_graph')).allowed).toBe(true);
    expect(rules.decide(caller({ sub: 'a', groups: ['eng'] }), tool('memory', 'write_graph'))).toEqual({ allowed: false, reason: 'no rule allows it' });
    expect(rules.decide(caller({ sub: 'a', groups: ['eng'] }), { kind: 'prompt', server: 'github', name: 'github__review' }).allowed).toBe(true);
  });

  it('every key of when must match: a role without the client or the scope is not enough', () => {
    const ops = { sub: 'o', roles: ['ops'], client_id: 'ops-cli', scope: 'mcp openid' };
    expect(rules.decide(caller(ops), tool('grafana', 'query')).rule).toBe('ops-cli');
    expect(rules.decide(caller({ ...ops, client_id: 'claude-code' }), tool('grafana', 'query')).allowed).toBe(false);
    expect(rules.decide(caller({ ...ops, scope: 'openid' }), tool('grafana', 'query')).allowed).toBe(false);
    expect(rules.decide(caller(ops), { kind: 'resource', server: 'files', name: 'file:///runbooks/db/restore.md' }).allowed).toBe(true);
    expect(rules.decide(caller(ops), { kind: 'resource', server: 'files', name: 'file:///etc/passwd' }).allowed).toBe(false);
  });

  it('a rule without when is every caller; no caller (no gateway.auth) is denied; no rules allow everything', () => {
    expect(rules.decide(caller({ sub: 'x' }), tool('time', 'now')).rule).toBe('everyone');
    expect(rules.decide(undefined, tool('time', 'now'))).toEqual({ allowed: false, reason: 'no caller: rules need gateway.auth' });
    expect(new CallerRules([]).decide(undefined, tool('github', 'anything')).allowed).toBe(true);
  });

  it('globs: * is any run (a URI\'s / too), ? one character, the rest itself (a dot is a dot)', () => {
    const m = matcher(['notes__*', 'file:///data/*.txt', 'a.b', 'v?']);
    expect(['notes__echo', 'file:///data/x/y.txt', 'a.b', 'v1'].map(m)).toEqual([true, true, true, true]);
    expect(['other__echo', 'file:///data/x.md', 'axb', 'v10'].map(m)).toEqual([false, false, false, false]);
    expect(matcher([])('anything')).toBe(false);
  });
});
