import { describe, expect, it } from 'vitest';
import { inSentence, smsRemovalConsequence, smsUse, smsUsedBy } from './provider-cards.component';

const journeys = [
  { name: 'Shipping texts', status: 'live', liveSends: ['sms'] },
  { name: 'Win back', status: 'paused', liveSends: ['email', 'sms'] },
  { name: 'Old texts', status: 'stopped', liveSends: ['sms'] },
  { name: 'Draft texts', status: 'draft', liveSends: [] },
  { name: 'Mail only', status: 'live', liveSends: ['email'] },
] as const;

describe('smsUse', () => {
  it('names the live and the paused journeys whose live version sends SMS', () => {
    expect(smsUse(journeys.map((j) => ({ ...j, liveSends: [...j.liveSends] })))).toEqual({
      live: ['“Shipping texts”'],
      paused: ['“Win back”'],
    });
  });
});

describe('smsUsedBy', () => {
  it('says who sends texts now and who is held, or nothing', () => {
    expect(smsUsedBy({ live: ['“A”'], paused: ['“B”', '“C”'] })).toBe(
      "Sending texts now: “A”. Paused, resume on the journey's page: “B”, “C”.",
    );
    expect(smsUsedBy({ live: [], paused: ['“B”'] })).toBe(
      "Paused, resume on the journey's page: “B”.",
    );
    expect(smsUsedBy({ live: [], paused: [] })).toBeNull();
  });
});

describe('smsRemovalConsequence', () => {
  it('says the running journeys that send texts are paused, in number', () => {
    expect(smsRemovalConsequence({ live: ['“A”'], paused: [] })).toBe(
      '1 running journey sends SMS (“A”): it is paused until a provider is set again and you resume it.',
    );
    expect(smsRemovalConsequence({ live: ['“A”', '“B”'], paused: ['“C”'] })).toBe(
      '2 running journeys send SMS (“A”, “B”): they are paused until a provider is set again and you resume them.',
    );
    expect(smsRemovalConsequence({ live: [], paused: ['“C”'] })).toMatch(
      /cannot be published or resumed/,
    );
  });
});

describe('inSentence', () => {
  it('lowers a capitalised first word, and leaves an acronym alone', () => {
    expect(inSentence('E-mail server')).toBe('e-mail server');
    expect(inSentence('SMS provider')).toBe('SMS provider');
  });
});
