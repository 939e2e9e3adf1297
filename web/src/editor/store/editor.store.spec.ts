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
    type: 'random_split',
    version: 1,
    title: 'Random split',
    description: 'Branches',
    category: 'flow',
    icon: null,
    configSchema: schema({ branches: { type: 'array' }, holdoutPercent: { type: 'number' } }),
    outputs: 'dynamic',
    defaults: {
      branches: [
        { key: 'a', label: 'A', percent: 45 },
        { key: 'b', label: 'B', percent: 45 },
      ],
      holdoutPercent: 10,
    },
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
    journey: {
      id: 'j1',
      name: 'Welcome',
      status: 'draft',
      statusReason: null,
      hasUnpublishedChanges: false,
      liveVersion: null,
    },
    graph: { nodes: [], edges: [] },
    nodeTypes,
    issues: [],
  });
});

describe('editor store', () => {
  it('starts an empty journey with a trigger and marks it unsaved', () => {
    expect(store().nodes.map((n) => n.data.nodeType)).toEqual(['trigger']);
    expect(store().dirty).toBe(true);
    expect(store().issuesByNode['trigger']).toEqual(expect.arrayContaining(['choose a segment']));
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
    expect(store().issuesByNode['wait_1']).toEqual(['Amount: is required']);
    store().updateConfig('wait_1', { amount: 2, unit: 'days' });
    expect(store().issuesByNode['wait_1']).toBeUndefined();
  });

  it('keeps one edge per output: the canvas refuses a used output, the panel replaces it', () => {
    store().addNode('wait', { x: 0, y: 100 });
    store().addNode('exit', { x: 0, y: 200 });
    store().connectOutput('trigger', 'next', 'wait_1');
    const connection = { source: 'trigger', sourceHandle: 'next', target: 'exit_1' };
    expect(store().connectionProblem(connection)).toMatch(/already leads/);
    store().onConnect({ ...connection, targetHandle: null });
    expect(store().graph().edges).toEqual([
      { id: 'e-trigger-next-wait_1', source: 'trigger', target: 'wait_1' },
    ]);
    store().connectOutput('trigger', 'next', 'exit_1');
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

describe('editor store: history, clipboard and branches', () => {
  const ids = () => store().nodes.map((n) => n.id);

  it('undoes and redoes adds, connections and config edits; typing is one step', () => {
    store().select('trigger');
    store().addNode('wait');
    store().updateConfig('wait_1', { unit: 'days', amount: 1 });
    store().updateConfig('wait_1', { unit: 'days', amount: 12 });
    expect(store().history.past).toHaveLength(2);
    store().undo();
    expect(store().nodes.find((n) => n.id === 'wait_1')?.data.config).toEqual({ unit: 'days' });
    store().undo();
    expect(ids()).toEqual(['trigger']);
    expect(store().edges).toEqual([]);
    store().redo();
    expect(ids()).toEqual(['trigger', 'wait_1']);
    expect(store().edges).toHaveLength(1);
    store().redo();
    expect(store().nodes.find((n) => n.id === 'wait_1')?.data.config['amount']).toBe(12);
    expect(store().issuesByNode['wait_1']).toBeUndefined();
  });

  it('records a drag once, however many moves it makes', () => {
    store().addNode('wait', { x: 0, y: 100 });
    const before = store().history.past.length;
    const move = (x: number, dragging: boolean) =>
      store().onNodesChange([
        { type: 'position', id: 'wait_1', position: { x, y: 100 }, dragging },
      ]);
    move(10, true);
    move(20, true);
    move(30, true);
    move(30, false);
    expect(store().history.past.length).toBe(before + 1);
    store().undo();
    expect(store().nodes.find((n) => n.id === 'wait_1')?.position).toEqual({ x: 0, y: 100 });
  });

  it('copies and pastes selected steps with their edge, under new ids', () => {
    store().addNode('wait', { x: 0, y: 100 });
    store().addNode('exit', { x: 0, y: 200 });
    store().connectOutput('wait_1', 'next', 'exit_1');
    store().onNodesChange([
      { type: 'select', id: 'wait_1', selected: true },
      { type: 'select', id: 'exit_1', selected: true },
      { type: 'select', id: 'trigger', selected: true },
    ]);
    expect(store().copySelection()).toBe(2);
    expect(store().paste()).toBe(2);
    expect(ids()).toEqual(['trigger', 'wait_1', 'exit_1', 'wait_2', 'exit_2']);
    expect(store().edges.at(-1)).toMatchObject({ source: 'wait_2', target: 'exit_2' });
    expect(store().nodes.find((n) => n.id === 'wait_2')?.position).toEqual({ x: 40, y: 140 });
    store().undo();
    expect(ids()).toEqual(['trigger', 'wait_1', 'exit_1']);
  });

  it('deletes the selection but never the trigger', () => {
    store().addNode('wait', { x: 0, y: 100 });
    store().connectOutput('trigger', 'next', 'wait_1');
    store().onNodesChange([
      { type: 'select', id: 'wait_1', selected: true },
      { type: 'select', id: 'trigger', selected: true },
    ]);
    store().deleteSelection();
    expect(ids()).toEqual(['trigger']);
    expect(store().edges).toEqual([]);
    store().undo();
    expect(ids()).toEqual(['trigger', 'wait_1']);
  });

  it('gives a random split its branches and holdout, and drops edges of removed branches', () => {
    store().addNode('random_split', { x: 0, y: 100 });
    store().addNode('wait', { x: 0, y: 200 });
    store().addNode('exit', { x: 200, y: 200 });
    const handle = (sourceHandle: string, target: string) =>
      store().onConnect({ source: 'random_split_1', sourceHandle, target, targetHandle: null });
    handle('b', 'wait_1');
    handle('holdout', 'exit_1');
    expect(store().edges.map((e) => e.sourceHandle)).toEqual(['b', 'holdout']);
    store().updateConfig('random_split_1', {
      branches: [{ key: 'a', label: 'A', percent: 100 }],
      holdoutPercent: 0,
    });
    expect(store().edges).toEqual([]);
    store().undo();
    expect(store().edges).toHaveLength(2);
  });

  it('applies an automatic layout as one undo step', () => {
    store().addNode('wait', { x: 0, y: 0 });
    store().applyLayout({ wait_1: { x: 0, y: 200 }, trigger: { x: 0, y: 0 } });
    expect(store().nodes.find((n) => n.id === 'wait_1')?.position).toEqual({ x: 0, y: 200 });
    store().undo();
    expect(store().nodes.find((n) => n.id === 'wait_1')?.position).toEqual({ x: 0, y: 0 });
  });
});
