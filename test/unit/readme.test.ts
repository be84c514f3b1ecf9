import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const schema: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'mcp-stack.schema.json'), 'utf8'));

function keys(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => keys(n, out));
  else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (typeof o['properties'] === 'object' && o['properties'] !== null) Object.keys(o['properties']).forEach((k) => out.add(k));
    Object.values(o).forEach((v) => keys(v, out));
  }
  return out;
}

describe('README', () => {
  it('documents every key of the stack file schema', () => {
    const missing = [...keys(schema)].filter((k) => !readme.includes(`\`${k}\``) && !readme.includes(`${k}:`));
    expect(missing).toEqual([]);
  });

  it('states how to set up, run and test', () => {
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npx mcp-orchestrator apply');
    expect(readme).toContain('npm test');
  });
});
