import { testNodeType } from '@switchyard/contracts/testing';
import { describe, expect, it } from 'vitest';
import { type StepNaming, toCustomerJourneys } from './customer-journeys.mapper.js';
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
    config: null,
    type_version: null,
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
    attempts: 1,
    last_error: null,
    next_attempt_at: null,
  };

  it('keeps the runs in order with their own steps and messages', () => {
    const naming: StepNaming = {
      typeTitle: (type) => (type === 'send_email' ? 'Send email' : null),
      typeView: () => undefined,
    };
    const journeys = toCustomerJourneys(
      [run('r2'), run('r1')],
      [step('r1', 'mail', null), step('r2', 'mail', 'Offer'), step('r2', 'x', null)],
      [message],
      naming,
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
        attempts: 1,
        lastError: null,
        nextAttemptAt: null,
      },
    ]);
    expect(journeys[1]?.messages).toEqual([]);
  });

  it('names the way a step took as the canvas does, from the settings of the version it ran', () => {
    const split = testNodeType('random_split', { title: 'Random split' });
    const wait = testNodeType('wait_for_event', { outputs: ['event', 'timeout'] });
    const naming: StepNaming = {
      typeTitle: () => null,
      typeView: (type) => [split, wait].find((v) => v.type === type),
    };
    const took = (node_type: string, output: string | null, config: StepRow['config']) => ({
      ...step('r1', 'n', null),
      node_type,
      output,
      config,
    });
    const branches = {
      branches: [
        { key: 'branch_1', label: 'Branch A', percent: 45 },
        { key: 'branch_2', label: 'Branch B', percent: 45 },
      ],
      holdoutPercent: 10,
    };
    const [run1] = toCustomerJourneys(
      [run('r1')],
      [
        took('random_split', 'branch_2', branches),
        took('random_split', 'holdout', branches),
        took('wait_for_event', 'timeout', null),
        took('send_email', 'next', null),
        took('gone_type', 'left_side', null),
      ],
      [],
      naming,
    );
    expect(run1?.steps.map((s) => [s.output, s.outputLabel])).toEqual([
      ['branch_2', 'Branch B'],
      ['holdout', 'Holdout'],
      ['timeout', 'Timed out'],
      ['next', null],
      ['left_side', 'Left side'],
    ]);
  });
});
