import type { JourneyGraph } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { goalOf, holdoutNodes, toJourneyStats } from './journey-stats.mapper.js';

const at = { x: 0, y: 0 };
const graph: JourneyGraph = {
  nodes: [
    { id: 't', type: 'trigger', position: at, config: {} },
    { id: 'split', type: 'random_split', position: at, config: { holdoutPercent: 10 } },
    { id: 'even', type: 'random_split', position: at, config: { holdoutPercent: 0 } },
    { id: 'mail', type: 'send_email', position: at, config: {} },
  ],
  edges: [],
};

describe('goalOf', () => {
  it('reads a valid goal from stored settings, else null', () => {
    const goal = { event: 'Order Completed', withinDays: 7 };
    expect(goalOf({ goal })).toEqual(goal);
    expect(goalOf({})).toBeNull();
    expect(goalOf({ goal: null })).toBeNull();
    expect(goalOf({ goal: { event: 'x', withinDays: 0 } })).toBeNull();
    expect(goalOf(null)).toBeNull();
  });
});

describe('holdoutNodes', () => {
  it('finds random splits that hold customers out', () => {
    expect(holdoutNodes(graph).map((n) => n.id)).toEqual(['split']);
  });
});

describe('toJourneyStats', () => {
  it('reports every node in graph order and sums the treated outputs of a split', () => {
    const stats = toJourneyStats('j', 'v', graph, null, {
      totals: { total: 10, active: 1, completed: 9, failed: 0, exited: 0, converted: 4 },
      nodes: [
        { node_id: 'split', entered: 10, completed: 10, failed: 0, waiting: 0, converted: 4 },
      ],
      outputs: [
        { node_id: 'split', output: 'a', count: 3, converted: 2 },
        { node_id: 'split', output: 'b', count: 3, converted: 2 },
        { node_id: 'split', output: 'holdout', count: 4, converted: 0 },
      ],
      messages: [{ node_id: 'mail', sent: 5, failed: 1, waiting: 0 }],
      skips: [
        { node_id: 'mail', reason: 'unsubscribed from email', count: 2 },
        { node_id: 'mail', reason: null, count: 1 },
      ],
      unsubscribes: [{ node_id: 'mail', count: 3 }],
      complaints: [{ node_id: 'mail', count: 1 }],
      engagements: [{ node_id: 'mail', opened: 4, clicked: 2 }],
    });
    expect(stats.nodes.map((n) => [n.nodeId, n.entered, n.converted])).toEqual([
      ['t', 10, 4],
      ['split', 10, 4],
      ['even', 0, 0],
      ['mail', 0, 0],
    ]);
    // Message counts on the node that wrote them; none elsewhere.
    expect(stats.nodes.map((n) => n.messages)).toEqual([
      null,
      null,
      null,
      { sent: 5, failed: 1, waiting: 0 },
    ]);
    // Skipped sends by reason on the node that skipped them.
    expect(stats.nodes.map((n) => n.skipped)).toEqual([
      [],
      [],
      [],
      [
        { reason: 'unsubscribed from email', count: 2 },
        { reason: 'no reason recorded', count: 1 },
      ],
    ]);
    // Unsubscribes through the e-mail's link on the node that sent it.
    expect(stats.nodes.map((n) => n.unsubscribed)).toEqual([0, 0, 0, 3]);
    // Spam complaints likewise, apart from the unsubscribes.
    expect(stats.nodes.map((n) => n.complaints)).toEqual([0, 0, 0, 1]);
    expect(stats.nodes.map((n) => [n.opened, n.clicked])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [4, 2],
    ]);
    expect(stats.holdouts).toHaveLength(1);
    expect(stats.holdouts[0]).toMatchObject({
      nodeId: 'split',
      treated: { n: 6, converted: 4 },
      heldOut: { n: 4, converted: 0, rate: 0 },
      lift: { relative: null },
    });
  });
});
