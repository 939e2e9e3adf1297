import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from './define-action.js';
import {
  compileSafeTemplate,
  createTemplateEnvironment,
  refusedTemplateConstruct,
  TemplateRefusedError,
} from './template-safety.js';
import { runAction } from './testing/run-action.js';

describe('template safety', () => {
  const env = createTemplateEnvironment(Handlebars);

  it('finds partials and decorators however deeply they are nested', () => {
    const nested = env.parse(
      '{{#if a}}\n{{#each b}}{{#with c}}\n   {{> deep}}{{/with}}{{/each}}{{else}}{{*d}}{{/if}}',
    );
    expect(refusedTemplateConstruct(nested)).toEqual({
      line: 3,
      column: 4,
      message: 'line 3, column 4: partials ("{{> name}}") are not available',
    });
    expect(refusedTemplateConstruct(env.parse('{{#if a}}{{b}}{{/if}}'))).toBeNull();
  });

  it('is frozen: no helper, partial or decorator can be added, and log is gone', () => {
    expect(() => env.registerHelper('shell', () => 'x')).toThrow(TypeError);
    expect(() => env.registerPartial('p', 'x')).toThrow(TypeError);
    expect(() => env.registerDecorator('d', () => undefined)).toThrow(TypeError);
    expect(Object.keys(env.helpers)).not.toContain('log');
    expect(Object.keys(env.decorators)).toEqual([]);
  });

  it('compiles with the safe options and refuses what the environment lacks', () => {
    expect(compileSafeTemplate(env, '{{money n "EUR"}}', { escape: true })({ n: 2 })).toBe('€2.00');
    expect(() => compileSafeTemplate(env, '{{> p}}', { escape: true })).toThrow(
      TemplateRefusedError,
    );
    expect(() => compileSafeTemplate(env, '{{log "x"}}', { escape: true })({})).toThrow(
      /unknown helper log/,
    );
    const run = compileSafeTemplate(env, '{{a.constructor.name}}{{lookup a "__proto__"}}', {
      escape: false,
    });
    expect(run({ a: {} })).toBe('');
  });

  it('is what runAction renders with', async () => {
    const echo = defineAction({
      type: 'test.echo',
      version: 1,
      title: 'Echo',
      description: 'Renders its text.',
      category: 'integration',
      config: z.strictObject({ text: z.string() }),
      outputs: ['next'],
      async execute(ctx, config) {
        ctx.logger.info(ctx.renderText(config.text));
        return { kind: 'continue' };
      },
    });
    const run = await runAction(echo, { config: { text: '{{customer.constructor.name}}ok' } });
    expect(run.logs).toEqual([{ level: 'info', message: 'ok' }]);
    await expect(runAction(echo, { config: { text: '{{> header}}' } })).rejects.toThrow(/partials/);
  });
});
