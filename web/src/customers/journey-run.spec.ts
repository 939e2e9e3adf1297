import type { CustomerJourneyMessage, CustomerJourneyStep } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import {
  attachMessages,
  channelLabel,
  elapsed,
  humanizeType,
  runOutcome,
  messageProblem,
  stepDetail,
  stepStatusLabel,
  stepTitle,
} from './journey-run';

const T = '2024-04-01T09:00:00.000Z';
const plus = (seconds: number) => new Date(Date.parse(T) + seconds * 1000).toISOString();

function step(nodeId: string, enteredAt: string, extra: Partial<CustomerJourneyStep> = {}) {
  return {
    nodeId,
    nodeType: 'send_email',
    label: null,
    status: 'completed',
    output: 'next',
    outputLabel: null,
    note: null,
    enteredAt,
    finishedAt: enteredAt,
    ...extra,
  } satisfies CustomerJourneyStep;
}

function message(nodeId: string, createdAt: string): CustomerJourneyMessage {
  return {
    nodeId,
    channel: 'email',
    to: 'ada@example.com',
    summary: 'Hi',
    status: 'sent',
    createdAt,
    sentAt: createdAt,
    attempts: 1,
    lastError: null,
    nextAttemptAt: null,
  };
}

describe('journey run formatting', () => {
  it('names channels and step statuses', () => {
    expect(channelLabel('email')).toEqual({ icon: '✉', label: 'Email' });
    expect(channelLabel('sms').label).toBe('SMS');
    expect(channelLabel('webhook').label).toBe('Webhook');
    expect(stepStatusLabel('completed')).toBe('done');
    expect(stepStatusLabel('skipped')).toBe('skipped');
  });

  it('titles a step by its label, else by its type', () => {
    expect(humanizeType('send_email')).toBe('Send email');
    expect(humanizeType('acme.crm-sync')).toBe('Crm sync');
    expect(humanizeType('x.')).toBe('x.');
    expect(stepTitle({ label: 'Offer', nodeType: 'send_email' })).toBe('Offer');
    expect(stepTitle({ label: null, nodeType: 'wait' })).toBe('Wait');
  });

  it('shows the branch taken unless it is the only one, and the note', () => {
    expect(stepDetail({ output: 'next', outputLabel: null, note: null })).toBe('');
    expect(stepDetail({ output: 'holdout', outputLabel: 'Holdout', note: null })).toBe('→ Holdout');
    expect(stepDetail({ output: 'branch_2', outputLabel: 'Branch B', note: 'quiet hours' })).toBe(
      '→ Branch B · quiet hours',
    );
    // A way the server could not name: its key.
    expect(stepDetail({ output: 'yes', outputLabel: null, note: null })).toBe('→ yes');
    expect(stepDetail({ output: null, outputLabel: null, note: 'frequency cap' })).toBe(
      'frequency cap',
    );
  });

  it('gives the time since the run started in its two largest units', () => {
    expect(elapsed(T, T)).toBe('+0s');
    expect(elapsed(T, plus(-5))).toBe('+0s');
    expect(elapsed(T, 'not a date')).toBe('+0s');
    expect(elapsed(T, plus(45))).toBe('+45s');
    expect(elapsed(T, plus(300))).toBe('+5m');
    expect(elapsed(T, plus(2 * 3600 + 5 * 60 + 7))).toBe('+2h 5m');
    expect(elapsed(T, plus(3 * 86_400 + 4 * 3600))).toBe('+3d 4h');
    expect(elapsed(T, plus(86_400 + 30))).toBe('+1d');
  });

  it('says how a run ended or where it is', () => {
    const steps = [
      step('mail', T),
      step('pause', plus(60), { nodeType: 'wait', status: 'waiting' }),
    ];
    expect(runOutcome({ status: 'active', exitReason: null, currentNodeId: 'pause', steps })).toBe(
      'In progress at Wait',
    );
    expect(runOutcome({ status: 'active', exitReason: null, currentNodeId: 'gone', steps })).toBe(
      'In progress at gone',
    );
    expect(
      runOutcome({ status: 'exited', exitReason: 'reached the goal', currentNodeId: 'x', steps }),
    ).toBe('Exited: reached the goal');
    expect(runOutcome({ status: 'completed', exitReason: null, currentNodeId: 'x', steps })).toBe(
      'Completed',
    );
  });

  it('puts each message under the visit of its node that sent it', () => {
    const steps = [step('mail', T), step('pause', plus(10)), step('mail', plus(100))];
    const first = message('mail', plus(1));
    const second = message('mail', plus(101));
    const stray = message('gone', plus(5));
    const { steps: rows, unmatched } = attachMessages(steps, [first, stray, second]);
    expect(rows.map((r) => r.messages)).toEqual([[first], [], [second]]);
    expect(unmatched).toEqual([stray]);
  });

  it('gives a message written before its step was recorded to the first visit', () => {
    const early = message('mail', plus(-1));
    expect(attachMessages([step('mail', T)], [early]).steps[0]?.messages).toEqual([early]);
  });

  it('says what went wrong with a message: the error, and for one being retried its next try', () => {
    const base = { attempts: 1, lastError: 'HTTP 503: busy', nextAttemptAt: null };
    expect(messageProblem({ ...base, status: 'sent' })).toBeNull();
    expect(messageProblem({ ...base, status: 'failed' })).toBe('HTTP 503: busy');
    expect(messageProblem({ ...base, status: 'failed', lastError: null })).toBe('not sent');
    // On its way for the first time: nothing went wrong yet.
    expect(messageProblem({ ...base, status: 'pending', attempts: 0, lastError: null })).toBeNull();
    const later = new Date(Date.now() + 10 * 60_000).toISOString();
    expect(messageProblem({ ...base, status: 'pending', nextAttemptAt: later })).toBe(
      'HTTP 503: busy · next try in 10 min',
    );
  });
});
