import { describe, expect, it } from 'vitest';
import { zodIssues } from '../errors/validation-error.js';
import {
  createSegmentGroupBodySchema,
  groupBackfillBodySchema,
  groupEvaluationQuerySchema,
  updateSegmentGroupBodySchema,
} from './segment-groups.api.js';

const a = '00000000-0000-4000-8000-00000000000a';
const b = '00000000-0000-4000-8000-00000000000b';
const fields = (result: { success: boolean; error?: Parameters<typeof zodIssues>[0] }) =>
  result.error ? zodIssues(result.error).map((i) => `${i.field}: ${i.message}`) : [];

describe('segment group bodies', () => {
  it('accepts members in order and defaults the fallback colour', () => {
    const body = createSegmentGroupBodySchema.parse({
      name: ' Lifecycle ',
      members: [
        { segmentId: a, growthIsGood: true, label: 'VIP', color: '#112233' },
        { segmentId: b, growthIsGood: false },
      ],
      fallback: { label: 'Everyone else', growthIsGood: false },
    });
    expect(body.name).toBe('Lifecycle');
    expect(body.fallback).toEqual({
      label: 'Everyone else',
      color: '#8b8d98',
      growthIsGood: false,
    });
  });

  it('names duplicates, bad members and limits by their field', () => {
    const fallback = { label: 'Rest', growthIsGood: true };
    expect(
      fields(
        createSegmentGroupBodySchema.safeParse({
          name: 'x',
          members: [
            { segmentId: a, growthIsGood: true },
            { segmentId: a, growthIsGood: true },
          ],
          fallback,
        }),
      ),
    ).toEqual(['members[1].segmentId: duplicates members[0].segmentId']);
    expect(
      fields(createSegmentGroupBodySchema.safeParse({ name: 'x', members: [], fallback })),
    ).toEqual(['members: needs at least one member']);
    expect(
      fields(
        createSegmentGroupBodySchema.safeParse({
          name: 'x',
          members: [{ segmentId: a, growthIsGood: true, color: 'red' }],
          fallback,
        }),
      ),
    ).toEqual(['members[0].color: must be a colour like #3366ff']);
    expect(fields(updateSegmentGroupBodySchema.safeParse({ members: [] }))).toEqual([
      'members: needs at least one member',
    ]);
    expect(updateSegmentGroupBodySchema.parse({ description: null })).toEqual({
      description: null,
    });
  });

  it('backfill ranges and the refresh flag', () => {
    expect(
      fields(
        groupBackfillBodySchema.safeParse({ from: '1997-02-01', to: '1997-01-01', every: 'day' }),
      ),
    ).toEqual(['from: must not be after "to"']);
    // Found by the fuzz test: Postgres has no year 0 (a 500 before).
    expect(
      fields(
        groupBackfillBodySchema.safeParse({ from: '0000-01-01', to: '0001-01-03', every: 'day' }),
      ),
    ).toEqual(['from: must be in years 0001-9999']);
    expect(groupEvaluationQuerySchema.parse({ refresh: 'true' })).toEqual({ refresh: true });
    expect(groupEvaluationQuerySchema.parse({})).toEqual({ refresh: false });
  });
});
