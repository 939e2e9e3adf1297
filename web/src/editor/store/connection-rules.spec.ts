import type { NodeTypeView } from '@switchyard/contracts';
import { testNodeType } from '@switchyard/contracts/testing';
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../nodes/node-registry';
import type { EditorNode } from '../serialization/editor-graph.types';
import { newEdge } from '../serialization/graph-serialization';
import { connectionProblem } from './connection-rules';

const view = (type: string, outputs: NodeTypeView['outputs']): NodeTypeView =>
  testNodeType(type, { outputs });
const registry = buildRegistry([
  view('wait', ['next']),
  view('random_split', 'dynamic'),
  view('exit', []),
]);
const node = (id: string, nodeType: string, config: Record<string, unknown> = {}): EditorNode => ({
  id,
  type: 'journey',
  position: { x: 0, y: 0 },
  data: { nodeType, config },
});
const nodes = [
  node('trigger', 'trigger'),
  node('split', 'random_split', {
    branches: [
      { key: 'a', percent: 45 },
      { key: 'b', percent: 45 },
    ],
    holdoutPercent: 10,
  }),
  node('w1', 'wait'),
  node('w2', 'wait'),
  node('end', 'exit'),
];
const edges = [newEdge('trigger', 'next', 'split'), newEdge('split', 'a', 'w1')];
const check = (source: string, sourceHandle: string, target: string, replacing = false) =>
  connectionProblem({ nodes, edges, registry }, { source, sourceHandle, target }, { replacing });

describe('connection rules', () => {
  it('allows a free output to a step', () => {
    expect(check('split', 'b', 'w2')).toBeNull();
    expect(check('split', 'holdout', 'end')).toBeNull();
  });

  it('refuses self loops, the trigger as target and missing outputs', () => {
    expect(check('w1', 'next', 'w1')).toMatch(/itself/);
    expect(check('w1', 'next', 'trigger')).toMatch(/trigger/);
    expect(check('split', 'c', 'w2')).toMatch(/no output "c"/);
    expect(check('end', 'next', 'w2')).toMatch(/no output/);
  });

  it('allows one edge per output: a used branch is refused unless replaced', () => {
    expect(check('split', 'a', 'w2')).toMatch(/already leads/);
    expect(check('split', 'a', 'w2', true)).toBeNull();
    expect(check('split', 'a', 'w1', true)).toMatch(/already connected/);
  });

  it('refuses loops', () => {
    expect(check('w1', 'next', 'split')).toMatch(/loop/);
  });
});
