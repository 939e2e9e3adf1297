import type Handlebars from 'handlebars';
import { KNOWN_HELPERS, registerSafeHelpers } from './template-helpers.js';

/**
 * How every template is compiled and run, by the server and by `runAction`, so that a
 * template (written by anyone who can edit a journey or a campaign) reaches the data it is
 * given and nothing else:
 *
 * - only Handlebars' block built-ins (`if unless each with lookup`) and the safe helpers
 *   (template-helpers.ts) exist; any other helper is a compile error (`knownHelpersOnly`),
 *   and so are `log` (it writes to the server's console) and the `helperMissing` /
 *   `blockHelperMissing` hooks when called by name;
 * - partials (`{{> name}}`, `{{#> layout}}`), inline partials and decorators (`{{*name}}`)
 *   are refused before compiling, with their line and column;
 * - properties and methods that are not the data's own (prototypes, `constructor`,
 *   `__proto__`, `__defineGetter__`, String/Array methods) read as nothing at run time;
 * - the environment is frozen after set-up: no helper, partial or decorator can be added.
 */

/** Built-ins a template may not call by name. */
const REFUSED_BUILT_INS = ['log', 'helperMissing', 'blockHelperMissing'] as const;

/** A fresh object each time: Handlebars writes into the options it is given. */
export function templateCompileOptions(): {
  knownHelpersOnly: true;
  knownHelpers: Record<string, boolean>;
  strict: false;
} {
  const knownHelpers: Record<string, boolean> = { ...KNOWN_HELPERS };
  for (const name of REFUSED_BUILT_INS) knownHelpers[name] = false;
  return { knownHelpersOnly: true, knownHelpers, strict: false };
}

/** What a compiled template is run with: no prototype access, no missing-helper calls. */
export const TEMPLATE_RUNTIME_OPTIONS: Readonly<{
  allowProtoPropertiesByDefault: false;
  allowProtoMethodsByDefault: false;
  allowCallsToHelperMissing: false;
}> = Object.freeze({
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
});

/** Where a template uses something that is not available, 1-based. */
export interface TemplateConstructProblem {
  line: number;
  column: number;
  message: string;
}

const REFUSED_NODES: Readonly<Record<string, string>> = {
  PartialStatement: 'partials ("{{> name}}") are not available',
  PartialBlockStatement: 'partial blocks ("{{#> name}}") are not available',
  DecoratorBlock: 'inline partials and decorators ("{{#*name}}") are not available',
  Decorator: 'decorators ("{{*name}}") are not available',
};

/**
 * The first partial, partial block or decorator in a parsed template (the AST of
 * `Handlebars.parse`), or null. Walks every node, so nesting cannot hide one.
 */
export function refusedTemplateConstruct(ast: unknown): TemplateConstructProblem | null {
  const stack: unknown[] = [ast];
  let found: TemplateConstructProblem | null = null;
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const record = node as { type?: unknown; loc?: { start?: { line?: number; column?: number } } };
    const reason = typeof record.type === 'string' ? REFUSED_NODES[record.type] : undefined;
    if (reason) {
      const line = record.loc?.start?.line ?? 1;
      const column = (record.loc?.start?.column ?? 0) + 1;
      // Report the earliest one in the text.
      if (!found || line < found.line || (line === found.line && column < found.column))
        found = { line, column, message: `line ${line}, column ${column}: ${reason}` };
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'loc') stack.push(value);
  }
  return found;
}

/**
 * A Handlebars environment of its own with the safe helpers, without `log` and the
 * `inline` decorator, and frozen: nothing can register a helper, partial or decorator.
 */
export function createTemplateEnvironment(handlebars: typeof Handlebars): typeof Handlebars {
  const env = handlebars.create();
  registerSafeHelpers(env);
  env.unregisterHelper('log');
  env.unregisterDecorator('inline');
  Object.freeze(env.helpers);
  Object.freeze(env.partials);
  Object.freeze(env.decorators);
  return env;
}

export class TemplateRefusedError extends Error {
  override readonly name = 'TemplateRefusedError';
  constructor(readonly problem: TemplateConstructProblem) {
    super(problem.message);
  }
}

/**
 * Compiles `source` in an environment from createTemplateEnvironment with the options
 * above. Throws TemplateRefusedError for a partial or decorator and Handlebars' own error
 * for a syntax error; an unknown helper throws on the first render (Handlebars compiles
 * lazily). The result renders with TEMPLATE_RUNTIME_OPTIONS.
 */
export function compileSafeTemplate(
  env: typeof Handlebars,
  source: string,
  options: { escape: boolean },
): (data: unknown) => string {
  const refused = refusedTemplateConstruct(env.parse(source));
  if (refused) throw new TemplateRefusedError(refused);
  const template = env.compile(source, { ...templateCompileOptions(), noEscape: !options.escape });
  return (data) => template(data, { ...TEMPLATE_RUNTIME_OPTIONS });
}
