import { describe, expect, it } from 'vitest';
import { previewMessage, previewOutcome } from './step-preview.mapper.js';

describe('previewOutcome', () => {
  it('tells each of the engine decisions by output id', () => {
    expect(
      previewOutcome({ kind: 'advance', output: 'vip', nextNodeId: 'mail', context: null }),
    ).toEqual({ kind: 'continue', output: 'vip' });
    expect(
      previewOutcome({ kind: 'advance', output: null, nextNodeId: null, context: null }),
    ).toEqual({ kind: 'continue', output: null });
    const resumeAt = new Date('2026-12-08T09:00:00Z');
    expect(
      previewOutcome({
        kind: 'wait',
        output: 'timeout',
        resumeAt,
        context: null,
        event: { name: 'Order Completed', output: 'done' },
      }),
    ).toEqual({
      kind: 'wait',
      until: '2026-12-08T09:00:00.000Z',
      output: 'timeout',
      event: { name: 'Order Completed', output: 'done' },
    });
    expect(previewOutcome({ kind: 'exit', reason: 'goal' })).toEqual({
      kind: 'exit',
      reason: 'goal',
    });
    expect(previewOutcome({ kind: 'fail', error: 'no such output' })).toEqual({
      kind: 'error',
      message: 'no such output',
    });
  });
});

describe('previewMessage', () => {
  it('flattens each channel, with nulls for what the step left out', () => {
    expect(
      previewMessage({
        channel: 'email',
        payload: { to: 'a@example.com', subject: 'Hi' },
        transactional: true,
      }),
    ).toEqual({
      channel: 'email',
      to: 'a@example.com',
      subject: 'Hi',
      html: null,
      text: null,
      transactional: true,
    });
    expect(
      previewMessage({
        channel: 'sms',
        payload: { to: '+14155550100', body: 'Hi' },
        transactional: false,
      }),
    ).toEqual({ channel: 'sms', to: '+14155550100', body: 'Hi', transactional: false });
    expect(
      previewMessage({
        channel: 'webhook',
        payload: { url: 'https://example.com/x', method: 'GET' },
        transactional: true,
      }),
    ).toEqual({
      channel: 'webhook',
      method: 'GET',
      url: 'https://example.com/x',
      headers: {},
      body: null,
    });
  });
});
