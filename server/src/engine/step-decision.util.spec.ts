import type { JourneyGraph } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { decideStep, nextNodeOf } from './step-decision.util.js';

const at = { x: 0, y: 0 };
const graph: JourneyGraph = {
  nodes: [
    { id: 'split', type: 'acme.split', position: at, config: {} },
    { id: 'yes', type: 'send_email', position: at, config: {} },
    { id: 'no', type: 'exit', position: at, config: {} },
    { id: 'wait', type: 'wait', position: at, config: {} },
  ],
  edges: [
    { id: 'a', source: 'split', sourceHandle: 'yes', target: 'yes' },
    { id: 'b', source: 'split', sourceHandle: 'no', target: 'no' },
    { id: 'c', source: 'wait', target: 'yes' },
  ],
};

describe('decideStep', () => {
  it('continues along the default output', () => {
    expect(decideStep({ kind: 'continue' }, { graph, nodeId: 'wait', outputs: ['next'] })).toEqual({
      kind: 'advance',
      output: 'next',
      nextNodeId: 'yes',
      context: null,
    });
  });

  it('follows the output the action chose and keeps its context', () => {
    expect(
      decideStep(
        { kind: 'continue', output: 'no', context: { score: 3 } },
        { graph, nodeId: 'split', outputs: ['yes', 'no'] },
      ),
    ).toEqual({ kind: 'advance', output: 'no', nextNodeId: 'no', context: { score: 3 } });
  });

  it('completes the enrollment at the end of a path', () => {
    expect(
      decideStep({ kind: 'continue' }, { graph, nodeId: 'yes', outputs: ['next'] }),
    ).toMatchObject({
      kind: 'advance',
      nextNodeId: null,
    });
    expect(decideStep({ kind: 'continue' }, { graph, nodeId: 'no', outputs: [] })).toEqual({
      kind: 'advance',
      output: null,
      nextNodeId: null,
      context: null,
    });
  });

  it('waits until the given time on the chosen output', () => {
    const until = new Date('2030-01-01T00:00:00Z');
    expect(
      decideStep({ kind: 'wait', until }, { graph, nodeId: 'wait', outputs: ['next'] }),
    ).toEqual({
      kind: 'wait',
      output: 'next',
      resumeAt: until,
      context: null,
      event: null,
    });
    const event = { name: 'Order Completed', output: 'event' };
    expect(
      decideStep(
        { kind: 'wait', until, output: 'timeout', event },
        { graph, nodeId: 'wait', outputs: ['event', 'timeout'] },
      ),
    ).toEqual({ kind: 'wait', output: 'timeout', resumeAt: until, context: null, event });
    expect(
      decideStep(
        { kind: 'wait', until, output: 'timeout', event: { ...event, output: 'nope' } },
        { graph, nodeId: 'wait', outputs: ['event', 'timeout'] },
      ).kind,
    ).toBe('fail');
    expect(
      decideStep(
        { kind: 'wait', until: new Date('nope') },
        { graph, nodeId: 'wait', outputs: ['next'] },
      ).kind,
    ).toBe('fail');
  });

  it('exits', () => {
    expect(
      decideStep({ kind: 'exit', reason: 'done' }, { graph, nodeId: 'no', outputs: [] }),
    ).toEqual({ kind: 'exit', reason: 'done' });
  });

  it('fails when the action picks an output the node does not have, or none of several', () => {
    expect(
      decideStep(
        { kind: 'continue', output: 'maybe' },
        { graph, nodeId: 'split', outputs: ['yes', 'no'] },
      ),
    ).toMatchObject({
      kind: 'fail',
    });
    expect(
      decideStep({ kind: 'continue' }, { graph, nodeId: 'split', outputs: ['yes', 'no'] }),
    ).toMatchObject({ kind: 'fail' });
  });
});

describe('nextNodeOf', () => {
  it('reads the edge of an output, treating a missing handle as "next"', () => {
    expect(nextNodeOf(graph, 'wait', 'next')).toBe('yes');
    expect(nextNodeOf(graph, 'split', 'yes')).toBe('yes');
    expect(nextNodeOf(graph, 'split', 'next')).toBeNull();
  });
});
