import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The README is the front door and docs/ holds the rest: what a newcomer needs is in the README,
 * every page is reachable from it, every link lands, and the reference stays in step with the code
 * (every key of the schema, every command of the CLI).
 */
const ROOT = path.join(__dirname, '..', '..');
const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const readme = read('README.md');
const pages = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
const schema: unknown = JSON.parse(read('schemas/mcp-stack.schema.json'));

function keys(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => keys(n, out));
  else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (typeof o['properties'] === 'object' && o['properties'] !== null) Object.keys(o['properties']).forEach((k) => out.add(k));
    Object.values(o).forEach((v) => keys(v, out));
  }
  return out;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchors(text: string): Set<string> {
  let fenced = false;
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = /^#{1,6} (.*)$/.exec(line);
    if (!fenced && m?.[1] !== undefined) out.add(slug(m[1]));
  }
  return out;
}

/** Relative Markdown links of a file, outside code. */
function links(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '').filter((l) => !/^[a-z]+:/.test(l));
}

describe('README and docs/', () => {
  it('the README states how to set up, run and test, and stays a front door', () => {
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npx mcp-orchestrator apply');
    expect(readme).toContain('npm test');
    expect(readme.split('\n').length).toBeLessThan(250);
  });

  it('every page of docs/ is linked from the README', () => {
    const linked = new Set(links(readme).map((l) => l.split('#')[0]));
    expect(pages.filter((p) => !linked.has(`docs/${p}`))).toEqual([]);
  });

  it('every relative link of the README and docs/ lands on a file, and on a heading where it names one', () => {
    const broken: string[] = [];
    for (const file of ['README.md', 'CHANGELOG.md', ...pages.map((p) => `docs/${p}`)]) {
      for (const link of links(read(file))) {
        const [target = '', anchor] = link.split('#');
        const resolved = target === '' ? file : path.normalize(path.join(path.dirname(file), target));
        if (!fs.existsSync(path.join(ROOT, resolved))) broken.push(`${file}: ${link}`);
        else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor)) broken.push(`${file}: ${link} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every source, test or script path the README and docs/ name exists', () => {
    const missing: string[] = [];
    for (const file of ['README.md', ...pages.map((p) => `docs/${p}`)]) {
      for (const m of read(file).matchAll(/`((?:src|test|scripts)\/[A-Za-z0-9_./-]+)`/g)) {
        if (!fs.existsSync(path.join(ROOT, m[1] ?? ''))) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('docs/stack-file.md documents every key of the stack file schema', () => {
    const reference = read('docs/stack-file.md');
    const missing = [...keys(schema)].filter((k) => !reference.includes(`\`${k}\``) && !reference.includes(`${k}:`));
    expect(missing).toEqual([]);
  });

  it('docs/commands.md documents every command of the CLI', () => {
    const reference = read('docs/commands.md');
    // `program.command('x')` is a command; `group.command('y')` (auth login) a command of a group.
    const commands = [...read('src/cli/main.ts').matchAll(/(\w+)\s*\.command\('([a-z-]+)/g)].map((m) => (m[1] === 'program' ? (m[2] ?? '') : `${m[1] ?? ''} ${m[2] ?? ''}`));
    expect(commands.length).toBeGreaterThan(10);
    const missing = [...commands, 'connect', 'disconnect'].filter((c) => !new RegExp(`^\\| \`${c}[ \`]`, 'm').test(reference));
    expect(missing).toEqual([]);
  });
});
