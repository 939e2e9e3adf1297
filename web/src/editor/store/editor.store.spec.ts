import type { NodeTypeView } from '@switchyard/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEditorStore } from './editor.store';

const schema = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});

const nodeTypes: NodeTypeView[] = [
  {
    type: 'wait',
    version: 1,
    title: 'Wait',
    description: 'Pause',
    category: 'flow',
    icon: null,
    configSchema: schema(
      {
        amount: { type: 'integer', minimum: 1 },
        unit: { type: 'string', enum: ['hours', 'days'], default: 'days' },
      },
      ['amount'],
    ),
    outputs: ['next'],
    defaults: { unit: 'days' },
  },
  {
    type: 'split',
    version: 3,
    title: 'Split',
    description: 'Branches',
    category: 'flow',
    icon: null,
    configSchema: schema({ branches: { type: 'array' } }),
    outputs: 'dynamic',
    defaults: { branches: ['yes', 'no'] },
  },
  {
    type: 'exit',
    version: 1,
    title: 'Exit',
    description: 'End',
    category: 'flow',
    icon: null,
    configSchema: schema({}),
    outputs: [],
    defaults: {},
  },
];

const SEGMENT = '7d1c1d58-3c0f-4c1e-9a37-5f3f8d9b2d11';
const store = () => useEditorStore.getState();

beforeEach(() => {
  store().load({
    journey: { id: 'j1', name: 'Welcome', status: 'draft', liveVersion: null },
    graph: { nodes: [], edges: [] },
    nodeTypes,
    issues: [],
  });
});

describe('editor store', () => {
  it('starts an empty journey with a trigger and marks it unsaved', () => {
    expect(store().nodes.map((n) => n.data.nodeType)).toEqual(['trigger']);
    expect(store().dirty).toBe(true);
    expect(store().issuesByNode['trigger']).toEqual(
      expect.arrayContaining(['segmentId: choose a segment']),
    );
  });

  it('adds a node with its defaults after the selected node and connects it', () => {
    store().select('trigger');
    const id = store().addNode('wait');
    expect(id).toBe('wait_1');
    const node = store().nodes.find((n) => n.id === id);
    expect(node?.data).toEqual({ nodeType: 'wait', typeVersion: 1, config: { unit: 'days' } });
    expect(store().selectedNodeId).toBe(id);
    expect(store().graph().edges).toEqual([
      { id: 'e-trigger-next-wait_1', source: 'trigger', target: 'wait_1' },
    ]);
    expect(store().issuesByNode['wait_1']).toEqual(['amount: is required']);
    store().updateConfig('wait_1', { amount: 2, unit: 'days' });
    expect(store().issuesByNode['wait_1']).toBeUndefined();
  });

  it('keeps one edge per output: connecting again replaces the edge', () => {
    store().addNode('wait', { x: 0, y: 100 });
    store().addNode('exit', { x: 0, y: 200 });
    store().connectOutput('trigger', 'next', 'wait_1');
    store().onConnect({
      source: 'trigger',
      sourceHandle: 'next',
      target: 'exit_1',
      targetHandle: null,
    });
    expect(store().graph().edges).toEqual([
      { id: 'e-trigger-next-exit_1', source: 'trigger', target: 'exit_1' },
    ]);
    store().connectOutput('trigger', 'next', null);
    expect(store().edges).toEqual([]);
  });

  it('refuses self-loops and edges into the trigger', () => {
    store().addNode('wait', { x: 0, y: 100 });
    store().connectOutput('wait_1', 'next', 'wait_1');
    store().connectOutput('wait_1', 'next', 'trigger');
    expect(store().edges).toEqual([]);
  });

  it('never removes the trigger; removing a node drops its edges', () => {
    store().select('trigger');
    store().addNode('wait');
    store().removeNode('trigger');
    store().removeNode('wait_1');
    expect(store().nodes.map((n) => n.id)).toEqual(['trigger']);
    expect(store().edges).toEqual([]);
  });

  it('gives dynamic nodes outputs from their settings', () => {
    store().select('trigger');
    store().addNode('split');
    store().addNode('exit');
    expect(store().graph().edges.at(-1)).toEqual({
      id: 'e-split_1-yes-exit_1',
      source: 'split_1',
      sourceHandle: 'yes',
      target: 'exit_1',
    });
  });

  it('clears the dirty flag on save and server issues on the next edit', () => {
    store().markSaved();
    expect(store().dirty).toBe(false);
    store().setServerIssues([
      { nodeId: 'trigger', field: 'graph.nodes[0].config', message: 'segment does not exist' },
    ]);
    expect(store().issuesByNode['trigger']).toContain('segment does not exist');
    store().updateConfig('trigger', { kind: 'segment_entered', segmentId: SEGMENT });
    expect(store().dirty).toBe(true);
    expect(store().serverIssues).toEqual([]);
    expect(store().issuesByNode['trigger']).toEqual(['the trigger leads nowhere']);
  });
});
