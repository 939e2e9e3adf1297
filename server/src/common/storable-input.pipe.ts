import { type ArgumentMetadata, BadRequestException, type PipeTransform } from '@nestjs/common';
import { describeIssues, type FieldIssue, formatPath } from '@switchyard/contracts';

/**
 * Input no handler can use, refused before any validation runs: text Postgres cannot
 * store (a NUL character; an unpaired UTF-16 surrogate, which is not Unicode) and JSON
 * nested deeper than any request needs (a rule of depth 32 is about 70 levels; a
 * recursive validator given 100,000 levels would overflow the stack). Checked for every
 * body, query and path parameter, keys included; the answer is a 400 naming the field.
 */
export const MAX_INPUT_DEPTH = 128;
const MAX_ISSUES = 20;

const SURROGATE = /[\ud800-\udfff]/;
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (SURROGATE.test(text) && UNPAIRED_SURROGATE.test(text))
    return 'must be well-formed Unicode (it has an unpaired surrogate)';
  return null;
}

export interface InputProblem {
  path: PropertyKey[];
  message: string;
}

/**
 * Problems of a parsed JSON / query value, at most `MAX_ISSUES`. A clean value allocates
 * nothing: paths are built (inside out) only for problems.
 */
export function inputProblems(value: unknown): InputProblem[] {
  const found: InputProblem[] = [];
  walk(value, 0, found);
  return found;
}

/** Appends the problems found in `value`, with paths relative to it. */
function walk(value: unknown, depth: number, found: InputProblem[]): void {
  if (found.length >= MAX_ISSUES) return;
  if (typeof value === 'string') {
    const message = textProblem(value);
    if (message) found.push({ path: [], message });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_INPUT_DEPTH) {
    found.push({ path: [], message: `must not nest deeper than ${MAX_INPUT_DEPTH} levels` });
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && found.length < MAX_ISSUES; i++)
      child(value[i], i, depth, found);
    return;
  }
  for (const key in value) {
    if (found.length >= MAX_ISSUES) return;
    if (!Object.hasOwn(value, key)) continue;
    const message = textProblem(key);
    if (message) found.push({ path: [key], message: `name ${message}` });
    else child((value as Record<string, unknown>)[key], key, depth, found);
  }
}

function child(value: unknown, key: PropertyKey, depth: number, found: InputProblem[]): void {
  const before = found.length;
  walk(value, depth + 1, found);
  for (let i = before; i < found.length; i++) found[i]!.path.unshift(key);
}

/** The global pipe: every `@Body()`, `@Query()` and `@Param()` passes through it first. */
export class StorableInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = inputProblems(value);
    if (problems.length === 0) return value;
    const root =
      metadata.type === 'body' ? undefined : metadata.type === 'query' ? 'query' : 'params';
    const issues: FieldIssue[] = problems.map((p) => ({
      field: formatPath(metadata.data ? [metadata.data, ...p.path] : p.path, root),
      message: p.message,
    }));
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: describeIssues(issues),
      issues,
    });
  }
}
