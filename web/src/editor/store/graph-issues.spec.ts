import type { JourneyGraph } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../nodes/node-registry';
import { collectIssues, groupIssuesByNode } from './graph-issues';

const registry = buildRegistry([
  {
    type: 'send_email',
    version: 1,
    title: 'Send email',
    description: '',
    category: 'messaging',
    icon: null,
    configSchema: {
      type: 'object',
      properties: { subject: { type: 'string', minLength: 1 } },
      required: ['subject'],
    },
    outputs: ['next'],
    defaults: {},
  },
]);

const trigger = {
  id: 't',
  type: 'trigger',
  position: { x: 0, y: 0 },
  config: { kind: 'segment_entered', segmentId: '7d1c1d58-3c0f-4c1e-9a37-5f3f8d9b2d11' },
};

describe('collectIssues', () => {
  it('is empty for a valid graph', () => {
    const graph: JourneyGraph = {
      nodes: [
        trigger,
        { id: 'm', type: 'send_email', position: { x: 0, y: 1 }, config: { subject: 'Hi' } },
      ],
      edges: [{ id: 'e', source: 't', target: 'm' }],
    };
    expect(collectIssues(graph, registry, [])).toEqual([]);
  });

  it('combines structure, settings, unknown types, bad handles and server issues', () => {
    const graph: JourneyGraph = {
      nodes: [
        trigger,
        { id: 'm', type: 'send_email', position: { x: 0, y: 1 }, config: {} },
        { id: 'x', type: 'mystery', position: { x: 0, y: 2 }, config: {} },
      ],
      edges: [{ id: 'e', source: 't', sourceHandle: 'other', target: 'm' }],
    };
    const issues = collectIssues(graph, registry, [
      { nodeId: 'm', field: 'graph.nodes[1].config.subject', message: 'bad template' },
    ]);
    const byNode = groupIssuesByNode(issues);
    expect(byNode['x']).toEqual(
      expect.arrayContaining(['not connected to the trigger', 'unknown node type "mystery"']),
    );
    expect(byNode['m']).toEqual(['Subject: is required', 'bad template']);
    expect(byNode['t']).toEqual(['has no output "other"']);
    expect(issues.find((i) => i.message === 'bad template')?.origin).toBe('server');
  });

  it('reports a missing trigger without a node', () => {
    const issues = collectIssues({ nodes: [], edges: [] }, registry, []);
    expect(issues).toEqual([{ message: 'the journey needs a trigger', origin: 'structure' }]);
  });

  it('shows a problem the server repeats only once', () => {
    const graph: JourneyGraph = {
      nodes: [{ ...trigger, config: { kind: 'segment_entered' } }],
      edges: [],
    };
    const issues = collectIssues(graph, registry, [
      { nodeId: 't', field: 'graph.nodes[0].config.segmentId', message: 'choose a segment' },
    ]);
    expect(issues.filter((i) => i.message.endsWith('choose a segment'))).toHaveLength(1);
  });
});

describe('pathLabel', () => {
  it('reads a settings path the way a marketer would', async () => {
    const { pathLabel } = await import('./graph-issues');
    expect(pathLabel('branches.0.label')).toBe('Branches #1 › Label');
    expect(pathLabel('holdoutPercent')).toBe('Holdout percent');
  });
});
