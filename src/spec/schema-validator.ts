import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../errors';
import type { LocatedDocument } from './located-yaml';
import { explainSchemaErrors } from './explain-schema-errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const stackSchema: Record<string, unknown> = require('../../schemas/mcp-stack.schema.json');

let compiled: ValidateFunction | undefined;

/** Compiled once per process: compiling costs more than validating a file. */
function validator(): ValidateFunction {
  compiled ??= new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    // Interpolated values are strings; "8080" must count as the integer the schema asks for.
    coerceTypes: true,
  }).compile(stackSchema);
  return compiled;
}

/**
 * Validates `value` in place (coercing interpolated strings to the types the schema asks for)
 * and returns located diagnostics; empty when valid.
 */
export function validateAgainstSchema(value: unknown, doc: LocatedDocument): Diagnostic[] {
  const validate = validator();
  if (validate(value)) return [];
  const errors: ErrorObject[] = validate.errors ?? [];
  return explainSchemaErrors(errors, doc, stackSchema);
}
