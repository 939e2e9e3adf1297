import type { SegmentGroupView } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import {
  remember,
  switchKind,
  TRIGGER_KINDS,
  triggerErrors,
  triggerSummary,
} from './trigger-config';

const SEGMENT = '7d1c1d58-3c0f-4c1e-9a37-5f3f8d9b2d11';
const GROUP = '1b7c2f6e-0c1f-4f0e-9a37-5f3f8d9b2d12';
const GOLD = '2b7c2f6e-0c1f-4f0e-9a37-5f3f8d9b2d13';
const AUDIENCE = '3b7c2f6e-0c1f-4f0e-9a37-5f3f8d9b2d14';

const group = {
  id: GROUP,
  name: 'Lifecycle',
  fallback: { label: 'Everyone else', color: '#888888', growthIsGood: false },
  buckets: [
    { index: 0, segmentId: null, label: 'Everyone else', color: '#888888', growthIsGood: false },
    { index: 1, segmentId: GOLD, label: 'Gold', color: '#ffcc00', growthIsGood: true },
  ],
} as unknown as SegmentGroupView;
const refs = {
  segments: new Map([[SEGMENT, { id: SEGMENT, name: 'VIP', color: '#000000', memberCount: 12 }]]),
  groups: [group],
  audiences: [
    {
      id: AUDIENCE,
      name: 'Newsletter',
      description: null,
      size: 5000,
      source: null,
      createdAt: '',
    },
  ],
};

describe('trigger config', () => {
  it('switches kind keeping the segment, with valid starting shapes', () => {
    expect(switchKind({ kind: 'segment_entered', segmentId: SEGMENT }, 'schedule')).toEqual({
      kind: 'schedule',
      segmentId: SEGMENT,
      schedule: { frequency: 'daily', time: '09:00' },
    });
    expect(switchKind({ kind: 'schedule', segmentId: SEGMENT }, 'group_moved')).toEqual({
      kind: 'group_moved',
      from: [],
      to: [],
    });
    // What was picked before comes back when its kind does.
    const memory = remember({}, { kind: 'segment_entered', segmentId: SEGMENT });
    expect(switchKind({ kind: 'audience_broadcast' }, 'segment_exited', memory)).toEqual({
      kind: 'segment_exited',
      segmentId: SEGMENT,
    });
    for (const kind of TRIGGER_KINDS)
      expect(switchKind({ segmentId: SEGMENT }, kind)['kind']).toBe(kind);
  });

  it('says what is missing in plain words', () => {
    const messages = (config: Record<string, unknown>) =>
      triggerErrors(config).map((e) => e.message);
    expect(messages({ kind: 'segment_entered' })).toEqual(['choose a segment']);
    expect(messages({ kind: 'audience_broadcast' })).toEqual(['choose an audience']);
    expect(messages({ kind: 'event', event: '' })).toEqual(['enter the event name']);
    expect(messages({ kind: 'group_moved', groupId: GROUP, from: [], to: [] })).toEqual([
      'pick at least one group to move into',
    ]);
    expect(messages({ kind: 'event', event: 'Order Completed' })).toEqual([]);
  });

  it('summarizes every kind for the canvas', () => {
    expect(triggerSummary({ kind: 'segment_exited', segmentId: SEGMENT }, refs)).toBe('Leaves VIP');
    expect(
      triggerSummary({ kind: 'group_moved', groupId: GROUP, from: [], to: [GOLD] }, refs),
    ).toBe('Lifecycle: anywhere → Gold');
    expect(
      triggerSummary(
        { kind: 'event', event: 'Order Completed', where: [{ property: 'a', op: 'exists' }] },
        refs,
      ),
    ).toBe('Does “Order Completed” where 1 filter');
    expect(triggerSummary({ kind: 'audience_broadcast', audienceId: AUDIENCE }, refs)).toBe(
      'Broadcast to Newsletter (5,000)',
    );
    expect(
      triggerSummary(
        {
          kind: 'schedule',
          segmentId: SEGMENT,
          schedule: { frequency: 'weekly', time: '08:30', dayOfWeek: 1 },
        },
        refs,
      ),
    ).toBe('Mondays at 08:30 · VIP');
  });
});
