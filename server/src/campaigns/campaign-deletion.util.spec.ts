import { describe, expect, it } from 'vitest';
import { campaignDeleteRefusal } from './campaign-deletion.util.js';

describe('campaignDeleteRefusal', () => {
  it('deletes a draft', () => {
    expect(campaignDeleteRefusal({ name: 'Spring', status: 'draft', journey: null })).toBeNull();
  });

  it('deletes a launched campaign once nobody is in its journey', () => {
    expect(
      campaignDeleteRefusal({
        name: 'Spring',
        status: 'launched',
        journey: { name: 'Campaign: Spring', active: 0 },
      }),
    ).toBeNull();
  });

  it('refuses while customers are in its journey, naming the journey and how many', () => {
    expect(
      campaignDeleteRefusal({
        name: 'Spring',
        status: 'launched',
        journey: { name: 'Campaign: Spring', active: 12 },
      }),
    ).toBe(
      'campaign "Spring" is still sending: 12 customers in its journey "Campaign: Spring"; stop that journey (or wait until they are through), then delete the campaign',
    );
  });

  it('refuses while the launch is still creating the journey', () => {
    expect(campaignDeleteRefusal({ name: 'Spring', status: 'launched', journey: null })).toBe(
      'campaign "Spring" is being launched: try again once it is',
    );
  });
});
