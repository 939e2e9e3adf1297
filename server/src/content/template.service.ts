import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import {
  describeTemplateError,
  type LexerLocation,
  type TemplateProblem,
} from './template-error.util.js';
import {
  compileSafeTemplate,
  createTemplateEnvironment,
  refusedTemplateConstruct,
  templateCompileOptions,
} from '@switchyard/sdk';

/** Largest template accepted, in UTF-16 code units (about 100 KB of text). */
export const MAX_TEMPLATE_LENGTH = 100_000;
const CACHE_SIZE = 500;

export class TemplateTooLargeError extends Error {
  override readonly name = 'TemplateTooLargeError';
}

export interface RenderOptions {
  /** HTML-escape `{{value}}` (default true). Off for subjects, plain text and addresses. */
  escape?: boolean;
}

type Compiled = (data: unknown) => string;
type HandlebarsEnv = typeof Handlebars;

/**
 * Handlebars in its own frozen environment (the SDK's template-safety.ts): the block
 * built-ins and a few pure helpers (money, date, pluralise, default, comparisons), no
 * `log`, no partials or decorators, no prototype access; a size limit, and a bounded
 * cache of compiled templates.
 */
@Injectable()
export class TemplateService {
  private readonly hb: HandlebarsEnv = createTemplateEnvironment(Handlebars);
  private readonly cache = new Map<string, Compiled>();

  render(source: string, data: object, options: RenderOptions = {}): string {
    const template = this.compiled(source, options.escape ?? true);
    return template(data);
  }

  /** `null` when the template compiles; otherwise where and why it does not. */
  check(source: string): TemplateProblem | null {
    if (source.length > MAX_TEMPLATE_LENGTH)
      return {
        line: 1,
        column: 1,
        message: `template is longer than ${MAX_TEMPLATE_LENGTH} characters`,
      };
    try {
      // Syntax errors and unknown helpers first (precompile parses and compiles eagerly).
      this.hb.precompile(source, templateCompileOptions());
    } catch (error) {
      return describeTemplateError(error, this.lexerLocation());
    }
    return refusedTemplateConstruct(this.hb.parse(source));
  }

  private compiled(source: string, escape: boolean): Compiled {
    if (source.length > MAX_TEMPLATE_LENGTH)
      throw new TemplateTooLargeError(`template is longer than ${MAX_TEMPLATE_LENGTH} characters`);
    const key = `${escape ? 'h' : 't'}\u0000${source}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const run: Compiled = compileSafeTemplate(this.hb, source, { escape });
    this.cache.set(key, run);
    if (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return run;
  }

  /** The parser's lexer keeps the location of the token it failed on. */
  private lexerLocation(): LexerLocation | undefined {
    const env = this.hb as unknown as { Parser?: { lexer?: { yylloc?: LexerLocation } } };
    return env.Parser?.lexer?.yylloc;
  }
}
