import { describe, expect, it } from 'vitest';
import {
  customerCount,
  journeyDeleteRefusal,
  type JourneyForDeletion,
} from './journey-deletion.util.js';

const journey = (over: Partial<JourneyForDeletion>): JourneyForDeletion => ({
  id: '7d7c1f9e-3c52-4a8e-9a43-2b0f5f1f2a10',
  name: 'Welcome',
  status: 'draft',
  active: 0,
  campaignName: null,
  ...over,
});

describe('journeyDeleteRefusal', () => {
  it('deletes a draft and a stopped journey, whatever a stop left behind', () => {
    expect(journeyDeleteRefusal(journey({ status: 'draft' }))).toBeNull();
    expect(journeyDeleteRefusal(journey({ status: 'stopped', active: 2 }))).toBeNull();
  });

  it('asks to stop a live or paused journey first, saying how many are in it', () => {
    expect(journeyDeleteRefusal(journey({ status: 'live', active: 0 }))).toBe(
      'journey "Welcome" is live (0 customers in it): stop it first, then delete it',
    );
    expect(journeyDeleteRefusal(journey({ status: 'paused', active: 1 }))).toBe(
      'journey "Welcome" is paused (1 customer in it): stop it first, then delete it',
    );
  });

  it("sends a campaign's journey to its campaign, whatever its status", () => {
    for (const status of ['draft', 'live', 'stopped'] as const)
      expect(
        journeyDeleteRefusal(journey({ name: 'Campaign: Spring', status, campaignName: 'Spring' })),
      ).toBe(
        'journey "Campaign: Spring" sends the campaign "Spring": delete the campaign instead (its journey goes with it)',
      );
  });

  it('quotes names as JSON, so quotes in a name stay readable', () => {
    expect(journeyDeleteRefusal(journey({ name: 'Say "hi"', status: 'live', active: 3 }))).toBe(
      'journey "Say \\"hi\\"" is live (3 customers in it): stop it first, then delete it',
    );
  });
});

describe('customerCount', () => {
  it('counts in singular and plural', () => {
    expect([0, 1, 2].map(customerCount)).toEqual(['0 customers', '1 customer', '2 customers']);
  });
});
