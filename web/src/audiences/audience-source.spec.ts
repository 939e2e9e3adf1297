import { describe, expect, it } from 'vitest';
import { describeAudienceSource } from './audience-source';

describe('describeAudienceSource', () => {
  it('says where each kind of audience came from', () => {
    expect(describeAudienceSource(null)).toBe('filled by journeys');
    expect(describeAudienceSource({ kind: 'segment', segmentId: 's' })).toBe("a segment's members");
    expect(
      describeAudienceSource({ kind: 'segment', segmentId: 's' }, new Map([['s', 'VIP']])),
    ).toBe('members of VIP');
    expect(describeAudienceSource({ kind: 'external_ids', count: 1 })).toBe('1 external id');
    expect(describeAudienceSource({ kind: 'external_ids', count: 3 })).toBe('3 external ids');
    expect(
      describeAudienceSource({
        kind: 'movement',
        groupId: 'g',
        from: '2024-01-01T23:59:59.999Z',
        to: '2024-03-31T23:59:59.999Z',
      }),
    ).toBe('movement 2024-01-01 → 2024-03-31');
    expect(
      describeAudienceSource({ kind: 'journey_node', journeyId: 'j', nodeId: 'n', output: 'yes' }),
    ).toBe('customers at a journey step (yes)');
  });
});
