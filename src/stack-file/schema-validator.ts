import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../errors';
import type { LocatedDocument } from './located-yaml';
import { explainSchemaErrors } from './explain-schema-errors';
// Generated ahead of time by `npm run gen:schema` (ajv standalone code): compiling the schema
// at start-up cost every CLI run about 100 ms.
import { validate as generatedValidate } from './stack-schema-validator.generated';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const stackSchema: Record<string, unknown> = require('../../schemas/mcp-stack.schema.json');

const validate = generatedValidate as unknown as ValidateFunction;

/**
 * Validates `value` in place (coercing interpolated strings to the types the schema asks for)
 * and returns located diagnostics; empty when valid.
 */
export function validateAgainstSchema(value: unknown, doc: LocatedDocument): Diagnostic[] {
  if (validate(value)) return [];
  const errors: ErrorObject[] = validate.errors ?? [];
  return explainSchemaErrors(errors, doc, stackSchema);
}
