import { describe, expect, it } from 'vitest';
import { apiErrorFromBody, describeError } from './api-error';

describe('describeError', () => {
  it('says a message that already sums up its issues once', () => {
    const error = apiErrorFromBody(400, 'Bad Request', {
      statusCode: 400,
      error: 'Bad Request',
      message: 'params.id: must be a positive integer when by=id',
      issues: [{ field: 'params.id', message: 'must be a positive integer when by=id' }],
    });
    expect(describeError(error)).toBe('params.id: must be a positive integer when by=id');
  });

  it('adds the issues the message does not mention, each with its field', () => {
    const error = apiErrorFromBody(400, 'Bad Request', {
      message: 'the journey cannot be published',
      issues: [
        { field: 'graph.nodes.2.config.subject', message: 'Required', nodeId: 'mail' },
        { field: '', message: 'the trigger has no next step' },
      ],
    });
    expect(describeError(error)).toBe(
      'the journey cannot be published: graph.nodes.2.config.subject Required; the trigger has no next step',
    );
  });

  it('describes other errors by their message, and anything else as text', () => {
    expect(describeError(apiErrorFromBody(503, 'Service Unavailable', 'upstream down'))).toBe(
      'Service Unavailable',
    );
    expect(describeError(new Error('offline'))).toBe('offline');
    expect(describeError(42)).toBe('42');
  });
});
