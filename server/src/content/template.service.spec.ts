import { describe, expect, it } from 'vitest';
import { MAX_TEMPLATE_LENGTH, TemplateService, TemplateTooLargeError } from './template.service.js';

const templates = new TemplateService();
const data = {
  customer: {
    id: '7',
    externalId: 'c-7',
    traits: { first_name: 'Ada', note: '<script>alert(1)</script>', tags: ['a', 'b'] },
  },
  trigger: {
    kind: 'segment_exited',
    segmentId: 's',
    segmentName: 'VIP',
    at: '2024-01-01T00:00:00.000Z',
  },
  context: {},
};

describe('TemplateService.check', () => {
  it('accepts a valid template', () => {
    expect(
      templates.check(
        'Hi {{customer.traits.first_name}}, {{#if trigger.segmentName}}you left {{trigger.segmentName}}{{/if}}',
      ),
    ).toBeNull();
  });

  it('reports a syntax error with its line and column', () => {
    // The lexer points at the last token it read: the unterminated path.
    const problem = templates.check('Hello\n\nDear {{customer.traits.first_name');
    expect(problem).toMatchObject({ line: 3, column: 24 });
    expect(problem?.message).toMatch(/^line 3, column 24: unexpected/);
    expect(templates.check('{{customer.traits.name}}\n  {{ }}')).toMatchObject({
      line: 2,
      column: 6,
    });
  });

  it('reports an unclosed block at the end of the template', () => {
    const problem = templates.check('a\n{{#if x}}\nb');
    expect(problem?.line).toBe(3);
    expect(problem?.message).toContain('unexpected end of template');
  });

  it('reports mismatched blocks from the compiler', () => {
    const problem = templates.check('line one\n{{#if a}}x{{/each}}');
    expect(problem?.line).toBe(2);
    expect(problem?.message).toContain("if doesn't match each");
  });

  it('refuses helpers that do not exist', () => {
    expect(templates.check('{{shout customer.traits.first_name}}')?.message).toContain('shout');
  });

  it('refuses oversized templates', () => {
    const big = 'x'.repeat(MAX_TEMPLATE_LENGTH + 1);
    expect(templates.check(big)?.message).toContain('longer than');
    expect(() => templates.render(big, data)).toThrow(TemplateTooLargeError);
  });
});

describe('TemplateService.render', () => {
  it('renders customer and trigger data', () => {
    expect(
      templates.render('Hi {{customer.traits.first_name}} ({{trigger.segmentName}})', data),
    ).toBe('Hi Ada (VIP)');
    expect(templates.render('{{#each customer.traits.tags}}[{{this}}]{{/each}}', data)).toBe(
      '[a][b]',
    );
  });

  it('escapes HTML by default and not in text mode', () => {
    expect(templates.render('{{customer.traits.note}}', data)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(templates.render('{{customer.traits.note}}', data, { escape: false })).toBe(
      '<script>alert(1)</script>',
    );
  });

  it('cannot reach prototypes', () => {
    const sources = [
      '{{constructor.constructor}}',
      '{{customer.constructor.constructor}}',
      '{{__proto__}}',
      '{{customer.__proto__.polluted}}',
      '{{lookup customer "constructor"}}',
      '{{#with customer.__proto__}}{{constructor}}{{/with}}',
      '{{#with (lookup customer "__proto__")}}x{{toString}}{{/with}}',
    ];
    for (const source of sources) expect(templates.render(source, data), source).toMatch(/^x?$/);
  });

  it('cannot reach prototypes through primitives or arrays', () => {
    expect(templates.render('{{customer.traits.first_name.constructor.name}}', data)).toBe('');
    expect(templates.render('{{customer.traits.tags.constructor.constructor}}', data)).toBe('');
    expect(
      templates.render('{{#each customer.traits.tags}}{{this.constructor}}{{/each}}', data),
    ).toBe('');
  });

  it('caches compiled templates per escaping mode', () => {
    const source = '{{customer.traits.note}}!';
    expect(templates.render(source, data)).not.toBe(
      templates.render(source, data, { escape: false }),
    );
  });
});
