import { journeyGraphSchema, type JourneyGraph } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { flowToGraph, graphToFlow, newEdge } from './graph-serialization';

const graph: JourneyGraph = {
  nodes: [
    {
      id: 'trigger',
      type: 'trigger',
      position: { x: 0, y: 0 },
      config: { kind: 'segment_entered', segmentId: '7d1c1d58-3c0f-4c1e-9a37-5f3f8d9b2d11' },
    },
    {
      id: 'wait_1',
      type: 'wait',
      typeVersion: 1,
      position: { x: 280.5, y: -12 },
      config: { amount: 3, unit: 'days' },
    },
    {
      id: 'split',
      type: 'acme.split',
      label: 'A/B',
      position: { x: 560, y: 0 },
      config: { branches: ['a', 'b'], nested: { deep: [1, { x: true }] } },
    },
    {
      id: 'mail',
      type: 'send_email',
      position: { x: 840, y: -80 },
      config: { subject: 'Hi', html: '<p>Hi</p>' },
    },
    { id: 'bye', type: 'exit', position: { x: 840, y: 80 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'wait_1' },
    { id: 'e2', source: 'wait_1', sourceHandle: null, target: 'split' },
    { id: 'e3', source: 'split', sourceHandle: 'a', target: 'mail' },
    { id: 'e4', source: 'split', sourceHandle: 'b', target: 'bye' },
    { id: 'e5', source: 'mail', sourceHandle: 'next', target: 'bye' },
  ],
};

describe('graph serialization', () => {
  it('round-trips a stored graph losslessly', () => {
    const { nodes, edges } = graphToFlow(graph);
    expect(flowToGraph(nodes, edges)).toStrictEqual(graph);
  });

  it('gives every canvas edge a handle id', () => {
    const { edges } = graphToFlow(graph);
    expect(edges.map((e) => e.sourceHandle)).toEqual(['next', 'next', 'a', 'b', 'next']);
  });

  it('keeps the trigger from being deleted', () => {
    const { nodes } = graphToFlow(graph);
    expect(nodes.find((n) => n.id === 'trigger')?.deletable).toBe(false);
    expect(nodes.find((n) => n.id === 'bye')?.deletable).toBe(true);
  });

  it('drops canvas-only state', () => {
    const { nodes, edges } = graphToFlow(graph);
    const touched = nodes.map((n) => ({
      ...n,
      selected: true,
      dragging: false,
      measured: { width: 200, height: 80 },
    }));
    expect(flowToGraph(touched, edges)).toStrictEqual(graph);
  });

  it('writes new edges the way the contract prefers', () => {
    const { nodes } = graphToFlow(graph);
    const edges = [newEdge('trigger', 'next', 'wait_1'), newEdge('split', 'b', 'bye')];
    const out = flowToGraph(nodes, edges);
    expect(out.edges).toStrictEqual([
      { id: 'e-trigger-next-wait_1', source: 'trigger', target: 'wait_1' },
      { id: 'e-split-b-bye', source: 'split', sourceHandle: 'b', target: 'bye' },
    ]);
    expect(journeyGraphSchema.safeParse(out).success).toBe(true);
  });
});
