import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TemplateService } from './template.service.js';

/**
 * The known ways out of a Handlebars sandbox, each either refused when the template is
 * checked (publish, campaign save) or rendered without anything from the process: no
 * environment variable, no function source, no prototype, and no pollution afterwards.
 */
const templates = new TemplateService();
const CANARY = `canary-${Math.random().toString(36).slice(2)}`;

/** Data as it arrives from JSON (customer traits, event properties): own hostile keys. */
const hostileData = () =>
  JSON.parse(
    `{"customer":{"id":"7","externalId":"c-7","traits":{"first_name":"Ada","tags":["a","b"],
      "__proto__":{"polluted":"from-data","isAdmin":true},"constructor":{"prototype":{"x":"own"}},
      "__defineGetter__":"own-value"}},
      "trigger":{"kind":"segment_entered","segmentName":"VIP","at":"2024-01-01T00:00:00Z"},
      "context":{}}`,
  ) as object;

/** Attempts that must not compile (refused at save / publish with a line and column). */
const REFUSED: [source: string, reason: RegExp][] = [
  ['{{constructor.constructor "return process"}}', /unknown helper constructor/],
  ['{{#with (constructor.constructor "return process.env")}}{{this}}{{/with}}', /constructor/],
  ['{{customer.constructor.constructor "return process"}}', /unknown helper/],
  ['{{__defineGetter__ "x" "y"}}', /unknown helper __defineGetter__/],
  ['{{#with this}}{{__lookupGetter__ "__proto__"}}{{/with}}', /__lookupGetter__/],
  ['{{toString.call process}}', /unknown helper/],
  [
    // The published Handlebars RCE chain (string methods through block params).
    '{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}' +
      '{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}' +
      '{{this.pop}}{{this.push "return process.env;"}}{{this.pop}}{{#each conslist}}' +
      '{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}',
    /unknown helper/,
  ],
  ['{{> secret}}', /partials/],
  ['{{#> layout}}x{{/layout}}', /partial blocks/],
  ['a\n{{#*inline "p"}}{{constructor}}{{/inline}}{{> p}}', /inline partials/],
  ['{{*decorate}}', /decorators/],
  ['{{log "leak" level="error"}}', /unknown helper log/],
  ['{{helperMissing "x"}}', /unknown helper helperMissing/],
  ['{{#blockHelperMissing this}}x{{/blockHelperMissing}}', /blockHelperMissing/],
  ['{{shout customer.traits.first_name}}', /unknown helper shout/],
];

/** Attempts that compile (they are plain lookups) and must render nothing dangerous. */
const HARMLESS: string[] = [
  '{{constructor}}',
  '{{this.constructor}}',
  '{{this.constructor.name}}',
  '{{constructor.constructor}}',
  '{{@root.constructor}}',
  '{{@root.constructor.constructor}}',
  '{{@root.__proto__}}',
  '{{__proto__}}',
  '{{this.[__proto__]}}',
  '{{[constructor].[constructor]}}',
  '{{customer.__proto__.constructor}}',
  '{{customer.traits.first_name.constructor}}',
  '{{customer.traits.first_name.constructor.constructor}}',
  '{{customer.traits.tags.constructor.constructor}}',
  '{{customer.traits.first_name.toString}}',
  '{{customer.traits.first_name.sub}}',
  '{{customer.traits.tags.push}}',
  '{{lookup this "constructor"}}',
  '{{lookup (lookup this "constructor") "constructor"}}',
  '{{lookup customer "__proto__"}}',
  '{{lookup customer.traits.tags "constructor"}}',
  '{{lookup (lookup customer.traits.first_name "constructor") "constructor"}}',
  '{{#with (lookup customer "__proto__")}}{{@key}}{{this}}{{toString}}{{/with}}',
  '{{#with "s" as |s|}}{{s.constructor}}{{s.sub}}{{s.length}}{{/with}}',
  '{{#with "s" as |s|}}{{#with s.constructor as |c|}}{{c.constructor}}{{/with}}{{/with}}',
  '{{#each customer.traits.tags}}{{this.constructor}}{{@index.constructor}}{{/each}}',
  '{{#each this}}{{@key}}{{/each}}',
  '{{#each customer}}{{this.constructor.name}}{{/each}}',
  '{{#if constructor}}yes{{else}}no{{/if}}',
  '{{#with customer.traits.tags}}{{this.constructor.name}}{{valueOf}}{{/with}}',
  '{{@data}}{{@partial-block}}',
  '{{#each (lookup this "constructor")}}{{this}}{{/each}}',
  '{{default constructor.constructor "safe"}}',
  '{{#if (eq constructor.name "Object")}}leak{{/if}}',
  '{{customer.traits.__defineGetter__}}',
];

describe('template sandbox', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(() => {
    // Something only the process holds: an escape that reached globals could print it.
    (globalThis as Record<string, unknown>).SY_TEMPLATE_CANARY = CANARY;
  });
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).SY_TEMPLATE_CANARY;
  });

  it('refuses escapes at check time, with a line and column', () => {
    for (const [source, reason] of REFUSED) {
      const problem = templates.check(source);
      expect(problem, source).not.toBeNull();
      expect(problem?.message, source).toMatch(reason);
      expect(problem?.message, source).toMatch(/^line \d+, column \d+: /);
    }
    expect(templates.check('a\n{{#*inline "p"}}x{{/inline}}')).toMatchObject({
      line: 2,
      column: 1,
    });
    expect(templates.check('Hi {{name}},\n  {{> footer}}')).toMatchObject({ line: 2, column: 3 });
  });

  it('refuses the same escapes when rendering (a template that skipped the check)', () => {
    for (const [source] of REFUSED) {
      let output = '';
      expect(() => (output = templates.render(source, hostileData())), source).toThrow();
      expect(output).toBe('');
    }
  });

  it('renders plain lookups of prototypes as nothing from the process', () => {
    for (const source of HARMLESS) {
      const outputs = [
        templates.render(source, hostileData()),
        templates.render(source, hostileData(), { escape: false }),
      ];
      for (const output of outputs) {
        expect(output, source).not.toContain(CANARY);
        expect(output, source).not.toMatch(/function|native code|=>|process|return /i);
        expect(output, source).not.toContain(process.execPath);
        expect(output, source).not.toContain(process.cwd());
        expect(output, source).not.toContain(process.version);
        // Only the data's own text can appear.
        expect(output, source).toMatch(/^[\w\s,[\]=&;#.-]*$/);
      }
    }
  });

  it('reads own keys named like prototypes as data, without polluting anything', () => {
    const data = hostileData();
    expect(templates.render('{{customer.traits.__proto__.polluted}}', data)).toBe('from-data');
    expect(templates.render('{{customer.traits.constructor.prototype.x}}', data)).toBe('own');
    expect(templates.render('{{customer.traits.__defineGetter__}}', data)).toBe('own-value');
    expect(templates.render('{{customer.traits.polluted}}{{customer.traits.isAdmin}}', data)).toBe(
      '',
    );
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('keeps legitimate templates working the same way', () => {
    const data = hostileData();
    expect(
      templates.render(
        'Hi {{customer.traits.first_name}}{{#each customer.traits.tags}} [{{@index}}:{{this}}]{{/each}}' +
          '{{#with trigger}} ({{segmentName}}){{/with}}{{#if (eq customer.externalId "c-7")}}!{{/if}}' +
          ' {{lookup customer.traits.tags 1}} {{customer.traits.first_name.length}}',
        data,
      ),
    ).toBe('Hi Ada [0:a] [1:b] (VIP)! b 3');
    expect(
      templates.check('{{#each customer.traits.tags}}{{this}}{{else}}none{{/each}}'),
    ).toBeNull();
    expect(templates.check('{{!-- a comment with {{> partial}} inside --}}ok')).toBeNull();
    expect(templates.render('{{!-- {{> partial}} --}}ok', data)).toBe('ok');
  });
});
