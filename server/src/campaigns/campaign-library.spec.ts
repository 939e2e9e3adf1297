import { campaignKinds, campaignTones } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { TemplateService } from '../content/template.service.js';
import { campaignContent, campaignTemplates, suggestKind } from './campaign-library.js';

const templates = new TemplateService();
const data = {
  unsubscribe_url: 'https://sy.example.com/u/abc.def',
  customer: { traits: { first_name: 'Ada' } },
  context: {
    orders: { daysSinceLastOrder: 95, lastProduct: 'Blue Train', favouriteCategory: 'Jazz' },
    crossSell: {
      products: [{ name: 'Kind of Blue' }, { name: 'A Love Supreme' }],
      offerCode: 'BACK-7K2Q9ZXA',
      discountPercent: 15,
    },
  },
};

describe('campaign library', () => {
  it('has content for every kind and tone that compiles and fills in the customer', () => {
    expect(campaignTemplates()).toHaveLength(campaignKinds.length * campaignTones.length);
    for (const kind of campaignKinds)
      for (const tone of campaignTones) {
        const content = campaignContent(kind, tone);
        for (const [field, source] of Object.entries(content))
          expect(templates.check(source), `${kind}/${tone} ${field}`).toBeNull();
        const html = templates.render(content.html, data);
        expect(html).toContain('Hi Ada');
        expect(html).toContain('BACK-7K2Q9ZXA');
        expect(html).toContain('<li>Kind of Blue</li>');
        // How to stop getting them, in both bodies.
        expect(html).toContain('<a href="https://sy.example.com/u/abc.def">Unsubscribe</a>');
        expect(templates.render(content.text, data, { escape: false })).toContain(
          'Unsubscribe: https://sy.example.com/u/abc.def',
        );
        expect(templates.render(content.text, data, { escape: false })).toContain(
          '- A Love Supreme',
        );
      }
    const winBack = campaignContent('win_back', 'friendly');
    expect(templates.render(winBack.html, data)).toContain(
      '95 days since your last order (Blue Train)',
    );
    expect(templates.render(winBack.preheader, data)).toContain('since your last Jazz order');
  });

  it('reads well without orders or recommendations', () => {
    const html = templates.render(campaignContent('nurture', 'friendly').html, {
      customer: { traits: {} },
      context: { crossSell: { products: [], offerCode: 'HELLO-1', discountPercent: 10 } },
    });
    expect(html).toContain('Hi there');
    expect(html).not.toContain('<ul>');
  });

  it('suggests the kind from the movement', () => {
    const b = (label: string, growthIsGood: boolean) => ({ label, growthIsGood });
    expect(suggestKind(b('VIP', true), b('At-risk VIP', false))).toBe('win_back');
    expect(suggestKind(b('Growth potential', true), b('VIP', true))).toBe('welcome_vip');
    expect(suggestKind(b('Active', true), b('Churned', false))).toBe('reactivation');
    expect(suggestKind(null, b('No orders yet', true))).toBe('nurture');
    expect(suggestKind(b('Active', true), b('Growth potential', true))).toBe('cross_sell');
  });
});
