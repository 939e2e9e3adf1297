import { describe, expect, it } from 'vitest';
import { fakeContext } from './action-test-context.testing.js';
import { waitForEventAction } from './wait-for-event.action.js';

describe('wait_for_event', () => {
  it('waits for the event with its filters, timing out through "timeout"', async () => {
    const { ctx, calls } = fakeContext();
    const where = [
      { property: 'total', op: 'gte', value: 50 },
      { property: 'coupon', op: 'exists' },
    ];
    expect(
      await waitForEventAction.run(ctx, {
        event: 'Order Completed',
        where,
        timeout: { amount: 2, unit: 'hours' },
      }),
    ).toEqual({
      kind: 'wait',
      until: new Date('2024-05-01T12:00:00Z'),
      output: 'timeout',
      event: { name: 'Order Completed', where, output: 'event' },
    });
    expect(calls).toEqual([]);
  });

  it('leaves out an empty filter list and defaults the timeout to 3 days', async () => {
    const { ctx } = fakeContext();
    expect(await waitForEventAction.run(ctx, { event: 'Signed Up', where: [] })).toEqual({
      kind: 'wait',
      until: new Date('2024-05-04T10:00:00Z'),
      output: 'timeout',
      event: { name: 'Signed Up', output: 'event' },
    });
    expect(waitForEventAction.defaults).toEqual({ timeout: { amount: 3, unit: 'days' } });
    expect(waitForEventAction.staticOutputs).toEqual(['event', 'timeout']);
  });

  it('refuses a missing event, a bad filter and a zero timeout', () => {
    const issues = (config: unknown) => {
      const parsed = waitForEventAction.parseConfig(config);
      return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
    };
    expect(issues({})).toEqual(['event']);
    expect(issues({ event: '' })).toEqual(['event']);
    expect(issues({ event: 'x', where: [{ property: 'total', op: 'between', value: 3 }] })).toEqual(
      ['where.0.value'],
    );
    expect(issues({ event: 'x', where: [{ property: 'a', op: 'like', value: 'b' }] })).toEqual([
      'where.0.op',
    ]);
    expect(issues({ event: 'x', timeout: { amount: 0, unit: 'days' } })).toEqual([
      'timeout.amount',
    ]);
  });
});
