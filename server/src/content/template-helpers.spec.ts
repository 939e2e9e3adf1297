import { describe, expect, it } from 'vitest';
import { TemplateService } from './template.service.js';

const templates = new TemplateService();
const render = (source: string, data: object = {}) => templates.render(source, data);

describe('template helpers', () => {
  it('formats money, dates and plurals', () => {
    expect(render('{{money total}}', { total: 1234.5 })).toBe('$1,234.50');
    expect(render('{{money total "eur"}}', { total: '9.9' })).toBe('€9.90');
    expect(render('{{money total}}', { total: 'lots' })).toBe('');
    expect(render('{{date at}}', { at: '2026-01-02T10:00:00Z' })).toBe('Jan 2, 2026');
    expect(render('{{date at "long"}}', { at: '2026-01-02' })).toBe('January 2, 2026');
    expect(render('{{date at "iso"}}', { at: 1767312000000 })).toBe('2026-01-02');
    expect(render('{{date at}}', { at: 'soon' })).toBe('');
    expect(render('{{pluralise n "order"}}', { n: 1 })).toBe('1 order');
    expect(render('{{pluralise n "order"}}', { n: 1200 })).toBe('1,200 orders');
    expect(render('{{pluralise n "person" "people"}}', { n: 2 })).toBe('2 people');
  });

  it('falls back with default and compares in subexpressions', () => {
    expect(render('Hi {{default name "there"}}', { name: '' })).toBe('Hi there');
    expect(render('Hi {{default name "there"}}', { name: 'Ada' })).toBe('Hi Ada');
    const t = '{{#if (gt days 90)}}long{{else if (and vip (lte days 30))}}vip{{else}}no{{/if}}';
    expect(render(t, { days: 120 })).toBe('long');
    expect(render(t, { days: '12', vip: true })).toBe('vip');
    expect(render(t, { days: 40, vip: true })).toBe('no');
    expect(
      render('{{#if (eq tier "gold")}}g{{/if}}{{#if (not x)}}!{{/if}}', { tier: 'gold' }),
    ).toBe('g!');
  });

  it('escapes helper output in HTML and refuses unknown helpers at compile time', () => {
    expect(render('{{default name "x"}}', { name: '<b>' })).toBe('&lt;b&gt;');
    expect(templates.check('{{shout name}}')).toMatchObject({ line: 1 });
    expect(templates.check('{{money total "USD"}} {{#if (gte a b)}}x{{/if}}')).toBeNull();
  });

  it('cannot reach prototypes through a helper', () => {
    expect(render('{{default constructor "safe"}}', {})).toBe('safe');
    expect(render('{{#with (default __proto__ x)}}{{constructor}}{{/with}}', { x: {} })).toBe('');
  });
});
