import type { Diagnostic } from '../errors';
import { pointer, readLocatedYaml } from './located-yaml';
import { normaliseStack } from './normalise';
import { validateAgainstSchema } from './schema-validator';
import { checkSemantics } from './semantic-checks';
import type { ParseContext } from './spec-host';
import type { StackFile } from './stack-file.generated';
import type { StackSpec } from './stack-spec';

export type ParseResult =
  | { readonly ok: true; readonly spec: StackSpec; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * (text, environment) -> a normalised StackSpec, or every located problem found.
 * Stages run in order and a stage runs only when the ones before it found no error, because a
 * later stage's findings on broken input would be noise: parse+interpolate -> schema -> semantics.
 */
export function parseStack(text: string, ctx: ParseContext): ParseResult {
  const doc = readLocatedYaml(text, ctx.file, ctx.env);
  const warnings = doc.diagnostics.filter((d) => d.severity === 'warning');
  const fail = (errors: readonly Diagnostic[]): ParseResult => ({ ok: false, diagnostics: sortDiagnostics([...errors, ...warnings]) });

  const yamlErrors = doc.diagnostics.filter((d) => d.severity === 'error');
  if (yamlErrors.length > 0) return fail(yamlErrors);
  if (doc.value === null || doc.value === undefined) {
    return fail([{ severity: 'error', message: 'the stack file is empty: it needs at least "version: 1" and "servers:"', location: { file: ctx.file, line: 1, col: 1 } }]);
  }

  const schemaErrors = validateAgainstSchema(doc.value, doc).map((d) => ({ ...d, message: doc.redact(d.message) }));
  if (schemaErrors.length > 0) return fail(schemaErrors);

  // The schema has just proven the shape.
  const stack = doc.value as StackFile;
  const semantic = checkSemantics(stack, doc, ctx).map((d) => ({ ...d, message: doc.redact(d.message) }));
  const semanticErrors = semantic.filter((d) => d.severity === 'error');
  const allWarnings = sortDiagnostics([...warnings, ...semantic.filter((d) => d.severity === 'warning')]);
  if (semanticErrors.length > 0) return { ok: false, diagnostics: sortDiagnostics([...semanticErrors, ...allWarnings]) };
  const spec = normaliseStack(stack, ctx, (p) => doc.templateAt(p));
  // Where each server is written, for messages about it found after parsing (the lockfile's).
  const servers = spec.servers.map((s) => ({ ...s, where: doc.keyAt(pointer('/servers', s.name)) }));
  const remotes = (spec.remotes ?? []).map((s) => ({ ...s, where: doc.keyAt(pointer('/servers', s.name)) }));
  return { ok: true, spec: { ...spec, servers, ...(remotes.length > 0 && { remotes }) }, warnings: allWarnings };
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.location.line - b.location.line || a.location.col - b.location.col || a.message.localeCompare(b.message),
  );
}
