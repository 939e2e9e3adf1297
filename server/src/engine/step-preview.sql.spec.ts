import type { Trigger } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { sampleCustomerSql } from './step-preview.sql.js';

const segmentId = '11111111-1111-4111-8111-111111111111';
const triggers: Trigger[] = [
  { kind: 'segment_entered', segmentId },
  { kind: 'segment_exited', segmentId },
  { kind: 'schedule', segmentId, schedule: { frequency: 'daily', time: '09:00' } },
  { kind: 'audience_broadcast', audienceId: segmentId },
  { kind: 'event', event: 'Cart Abandoned' },
  { kind: 'group_moved', groupId: segmentId, from: [], to: ['fallback'] },
];

describe('sampleCustomerSql', () => {
  it.each(triggers)('binds exactly the parameters it uses ($kind)', (trigger) => {
    const { sql, params } = sampleCustomerSql('ws', 'journey', trigger);
    const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect([...used].sort()).toEqual(params.map((_, i) => i + 1));
  });

  it('asks the trigger for a member only when it names something to ask', () => {
    const event = sampleCustomerSql('ws', 'journey', { kind: 'event', event: 'Cart Abandoned' });
    expect(event.params).toEqual(['ws', 'journey', 'Cart Abandoned']);
    expect(event.sql).toContain("'trigger_member'");
    const moved = sampleCustomerSql('ws', 'journey', triggers[5] as Trigger);
    expect(moved.params).toEqual(['ws', 'journey']);
    expect(moved.sql).not.toContain("'trigger_member'");
  });
});
