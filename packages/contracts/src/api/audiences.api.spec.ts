import { describe, expect, it } from 'vitest';
import { zodIssues } from '../errors/validation-error.js';
import { createAudienceBodySchema } from './audiences.api.js';

const groupId = '00000000-0000-4000-8000-00000000000a';
const fields = (result: { success: boolean; error?: Parameters<typeof zodIssues>[0] }) =>
  result.error ? zodIssues(result.error).map((i) => `${i.field}: ${i.message}`) : [];

describe('audience bodies', () => {
  const movement = (buckets: { fromBuckets?: unknown[]; toBuckets?: unknown[] }) => ({
    name: 'Movers',
    movement: { groupId, from: '2024-01-01', to: '2024-02-01', ...buckets },
  });

  it('takes bucket indexes of a group: 0 (fallback) to 50, null for new customers', () => {
    const ok = createAudienceBodySchema.safeParse(
      movement({ fromBuckets: [null, 0, 50], toBuckets: [1, 50] }),
    );
    expect(fields(ok)).toEqual([]);
  });

  // Found by the fuzz test: 4294967296 passed and Postgres refused it as an integer (500).
  it('refuses bucket indexes no group has, naming the element', () => {
    const result = createAudienceBodySchema.safeParse(
      movement({ fromBuckets: [2 ** 31], toBuckets: [0, 4294967296, 51] }),
    );
    expect(fields(result)).toEqual([
      'movement.fromBuckets[0]: must be a bucket index 0-50',
      'movement.toBuckets[1]: must be a bucket index 0-50',
      'movement.toBuckets[2]: must be a bucket index 0-50',
    ]);
  });
});
