import { describe, expect, it } from 'vitest';
import { inSentence, smsJourneyNames } from './provider-cards.component';

describe('smsJourneyNames', () => {
  it('names the live and paused journeys whose live version sends SMS', () => {
    expect(
      smsJourneyNames([
        { name: 'Shipping texts', status: 'live', liveSends: ['sms'] },
        { name: 'Win back', status: 'paused', liveSends: ['email', 'sms'] },
        { name: 'Old texts', status: 'stopped', liveSends: ['sms'] },
        { name: 'Draft texts', status: 'draft', liveSends: [] },
        { name: 'Mail only', status: 'live', liveSends: ['email'] },
      ]),
    ).toEqual(['“Shipping texts”', '“Win back”']);
  });
});

describe('inSentence', () => {
  it('lowers a capitalised first word, and leaves an acronym alone', () => {
    expect(inSentence('E-mail server')).toBe('e-mail server');
    expect(inSentence('SMS provider')).toBe('SMS provider');
  });
});
