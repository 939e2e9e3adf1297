import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import type { JsonSchema } from './schema-fields';

/** A settings problem: dotted path from the config root ('' for the whole object). */
export interface ConfigError {
  path: string;
  message: string;
}

/** Keywords that only say "something inside failed"; the inner error is reported instead. */
const WRAPPER_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'allOf',
  '$ref',
  '$recursiveRef',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
  'if',
  'then',
  'else',
  'contains',
]);

const validators = new WeakMap<JsonSchema, Validator>();

function validatorFor(schema: JsonSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    // A CSP-safe validator (no eval); zod emits draft 2020-12.
    validator = new Validator(schema as Schema, '2020-12', false);
    validators.set(schema, validator);
  }
  return validator;
}

function decodePointer(pointer: string): string[] {
  return pointer
    .replace(/^#/, '')
    .split('/')
    .filter((p) => p !== '')
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function schemaAt(root: JsonSchema, keywordLocation: string): unknown {
  let current: unknown = root;
  for (const part of decodePointer(keywordLocation)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function listOf(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : String(values);
}

function friendly(unit: OutputUnit, root: JsonSchema): string {
  const limit = schemaAt(root, unit.keywordLocation);
  switch (unit.keyword) {
    case 'required':
      return 'is required';
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must be at least ${String(limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(limit)} characters`;
    case 'minimum':
      return `must be at least ${String(limit)}`;
    case 'maximum':
      return `must be at most ${String(limit)}`;
    case 'exclusiveMinimum':
      return `must be greater than ${String(limit)}`;
    case 'exclusiveMaximum':
      return `must be less than ${String(limit)}`;
    case 'type':
      return limit === 'integer'
        ? 'must be a whole number'
        : `must be ${Array.isArray(limit) ? limit.join(' or ') : `a ${String(limit)}`}`;
    case 'enum':
      return `must be one of ${listOf(limit)}`;
    case 'const':
      return `must be ${JSON.stringify(limit)}`;
    case 'format':
      return `must be a valid ${String(limit)}`;
    case 'pattern':
      return 'has the wrong format';
    default:
      return unit.error;
  }
}

function errorPath(unit: OutputUnit): string {
  const path = decodePointer(unit.instanceLocation);
  if (unit.keyword === 'required') {
    const missing = /"([^"]+)"/.exec(unit.error)?.[1];
    if (missing) path.push(missing);
  }
  return path.join('.');
}

/**
 * Validates a node's settings against its JSON Schema. Returns one error per field,
 * the most specific one when several keywords fail for the same value.
 */
export function validateConfig(schema: JsonSchema, config: Record<string, unknown>): ConfigError[] {
  if (Object.keys(schema).length === 0) return [];
  const result = validatorFor(schema).validate(config);
  if (result.valid) return [];
  const best = new Map<string, OutputUnit>();
  for (const unit of result.errors) {
    if (WRAPPER_KEYWORDS.has(unit.keyword)) continue;
    const path = errorPath(unit);
    const current = best.get(path);
    if (!current || unit.keywordLocation.length > current.keywordLocation.length)
      best.set(path, unit);
  }
  return [...best].map(([path, unit]) => ({ path, message: friendly(unit, schema) }));
}

/** Errors keyed by dotted path, for the form. */
export function errorsByPath(errors: readonly ConfigError[]): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const error of errors) byPath[error.path] ??= error.message;
  return byPath;
}
