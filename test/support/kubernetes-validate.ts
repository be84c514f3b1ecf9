import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * Validates Kubernetes objects against the Kubernetes OpenAPI schemas as the kubernetes-models
 * package compiles them (one model class per apiVersion/kind). The package is ESM-only, so it runs
 * in a plain node process rather than in jest's module registry. Returns one line per problem:
 * `Kind/name: /json/pointer message`; an object of a kind the package does not know is a problem.
 */
export function kubernetesSchemaProblems(objects: readonly unknown[]): string[] {
  const script = `
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const problems = [];
    for (const o of JSON.parse(input)) {
      const what = o.kind + '/' + (o.metadata?.name ?? '?');
      let Model;
      try {
        Model = (await import('kubernetes-models/' + o.apiVersion + '/' + o.kind))[o.kind];
      } catch (err) {
        problems.push(what + ': no model for ' + o.apiVersion + ' ' + o.kind);
        continue;
      }
      try {
        new Model(o).validate();
      } catch (err) {
        for (const e of err.errors ?? [{ instancePath: '', message: err.message }]) problems.push(what + ': ' + (e.instancePath || '/') + ' ' + e.message);
      }
    }
    process.stdout.write(JSON.stringify(problems));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { input: JSON.stringify(objects), encoding: 'utf8', cwd: path.join(__dirname, '..', '..'), timeout: 60_000 });
  if (r.status !== 0) throw new Error(`the schema check did not run: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as string[];
}
