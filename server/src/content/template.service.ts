import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import {
  describeTemplateError,
  type LexerLocation,
  type TemplateProblem,
} from './template-error.util.js';
import { KNOWN_HELPERS, registerSafeHelpers } from '@switchyard/sdk';

/** Largest template accepted, in UTF-16 code units (about 100 KB of text). */
export const MAX_TEMPLATE_LENGTH = 100_000;
const CACHE_SIZE = 500;
/** Only the built-in and the safe helpers exist: an unknown helper is a compile (publish) error. */
const COMPILE_OPTIONS = {
  strict: false,
  knownHelpersOnly: true,
  knownHelpers: KNOWN_HELPERS,
} as const;

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
 * Handlebars in its own environment: the built-ins and a few pure helpers (money, date,
 * pluralise, default, comparisons: see template-helpers.ts), no partials, no
 * prototype access (Handlebars >= 4.6 denies it by default and we never relax it), a
 * size limit, and a bounded cache of compiled templates.
 */
@Injectable()
export class TemplateService {
  private readonly hb: HandlebarsEnv = Handlebars.create();
  private readonly cache = new Map<string, Compiled>();

  constructor() {
    registerSafeHelpers(this.hb);
  }

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
      this.hb.precompile(source, COMPILE_OPTIONS);
      return null;
    } catch (error) {
      return describeTemplateError(error, this.lexerLocation());
    }
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
    const template = this.hb.compile(source, { ...COMPILE_OPTIONS, noEscape: !escape });
    const run: Compiled = (data) =>
      template(data, {
        allowProtoPropertiesByDefault: false,
        allowProtoMethodsByDefault: false,
        allowCallsToHelperMissing: false,
      });
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
