import { describe, expect, it } from 'vitest';
import { toCustomerJourneys } from './customer-journeys.mapper.js';
import type { MessageRow, RunRow, StepRow } from './customer-journeys.sql.js';

const at = new Date('2024-05-01T10:00:00Z');

describe('toCustomerJourneys', () => {
  const run = (id: string): RunRow => ({
    id,
    journey_id: 'j',
    journey_name: 'Welcome',
    version: 3,
    status: 'exited',
    exit_reason: 'reached the goal',
    current_node_id: 'mail',
    created_at: at,
    finished_at: null,
  });
  const step = (enrollment: string, nodeId: string, label: string | null): StepRow => ({
    enrollment_id: enrollment,
    node_id: nodeId,
    node_type: nodeId === 'mail' ? 'send_email' : 'custom',
    status: 'completed',
    output: 'next',
    note: null,
    label,
    entered_at: at,
    finished_at: at,
  });
  const message: MessageRow = {
    enrollment_id: 'r2',
    node_id: 'mail',
    channel: 'email',
    status: 'sent',
    recipient: 'ada@example.com',
    summary: 'Hi Ada',
    created_at: at,
    sent_at: at,
  };

  it('keeps the runs in order with their own steps and messages', () => {
    const titles = (type: string) => (type === 'send_email' ? 'Send email' : null);
    const journeys = toCustomerJourneys(
      [run('r2'), run('r1')],
      [step('r1', 'mail', null), step('r2', 'mail', 'Offer'), step('r2', 'x', null)],
      [message],
      titles,
    );
    expect(journeys.map((j) => j.enrollmentId)).toEqual(['r2', 'r1']);
    expect(journeys[0]).toMatchObject({
      journeyName: 'Welcome',
      version: 3,
      exitReason: 'reached the goal',
      enrolledAt: at.toISOString(),
      finishedAt: null,
    });
    expect(journeys[0]?.steps.map((s) => [s.nodeId, s.label])).toEqual([
      ['mail', 'Offer'],
      ['x', null],
    ]);
    expect(journeys[1]?.steps.map((s) => s.label)).toEqual(['Send email']);
    expect(journeys[0]?.messages).toEqual([
      {
        nodeId: 'mail',
        channel: 'email',
        to: 'ada@example.com',
        summary: 'Hi Ada',
        status: 'sent',
        createdAt: at.toISOString(),
        sentAt: at.toISOString(),
      },
    ]);
    expect(journeys[1]?.messages).toEqual([]);
  });
});
