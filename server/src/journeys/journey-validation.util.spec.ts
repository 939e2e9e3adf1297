import type { JourneyGraph, JourneyNode } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { TemplateService } from '../content/template.service.js';
import {
  checkJourneyForPublish,
  journeyIssues,
  type JourneyValidationDeps,
} from './journey-validation.util.js';

const SEGMENT = '7d7c1f9e-3c52-4a8e-9a43-2b0f5f1f2a10';
const OTHER_SEGMENT = '0a0c1f9e-3c52-4a8e-9a43-2b0f5f1f2a10';
const registry = new ActionRegistry();
const templates = new TemplateService();
const deps: JourneyValidationDeps = {
  resolveAction: (type, version) => registry.resolve(type, version),
  segmentExists: (id) => id === SEGMENT,
  checkTemplate: (source) => templates.check(source),
};

const at = { x: 0, y: 0 };
const trigger = (
  config: Record<string, unknown> = { kind: 'segment_exited', segmentId: SEGMENT },
): JourneyNode => ({
  id: 'trigger',
  type: 'trigger',
  position: at,
  config,
});
const wait: JourneyNode = {
  id: 'wait_1',
  type: 'wait',
  position: at,
  config: { amount: 1, unit: 'seconds' },
};
const email = (config: Record<string, unknown> = {}): JourneyNode => ({
  id: 'send_email_1',
  type: 'send_email',
  position: at,
  config: {
    subject: 'We miss you, {{customer.traits.first_name}}',
    html: '<p>Come back</p>',
    ...config,
  },
});

function journey(nodes: JourneyNode[]): JourneyGraph {
  const edges = nodes
    .slice(1)
    .map((node, i) => ({ id: `e${i}`, source: nodes[i]?.id ?? '', target: node.id }));
  return { nodes, edges };
}

describe('checkJourneyForPublish', () => {
  it('plans a valid journey: trigger, entry node, pinned type versions', () => {
    const check = checkJourneyForPublish(journey([trigger(), wait, email()]), deps);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.plan.entryNodeId).toBe('wait_1');
    expect(check.plan.trigger).toEqual({ kind: 'segment_exited', segmentId: SEGMENT });
    expect(check.plan.graph.nodes.map((n) => n.typeVersion)).toEqual([undefined, 1, 1]);
  });

  it('names the field and node of every problem at once', () => {
    const graph = journey([
      trigger({ kind: 'segment_exited', segmentId: OTHER_SEGMENT }),
      { ...wait, config: { amount: -1, unit: 'weeks' } },
      email({ subject: 'Hello\n{{#if customer}}no end', to: '{{customer.traits.email' }),
      { id: 'mystery_1', type: 'acme.mystery', position: at, config: {} },
    ]);
    const issues = journeyIssues(graph, deps);
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          field: 'graph.nodes[0].config.segmentId',
          message: 'no such segment in this workspace',
          nodeId: 'trigger',
        },
        expect.objectContaining({ field: 'graph.nodes[1].config.amount', nodeId: 'wait_1' }),
        expect.objectContaining({ field: 'graph.nodes[1].config.unit', nodeId: 'wait_1' }),
        expect.objectContaining({
          field: 'graph.nodes[3].type',
          nodeId: 'mystery_1',
          message: 'unknown node type "acme.mystery"',
        }),
      ]),
    );
    const subject = issues.find((i) => i.field === 'graph.nodes[2].config.subject');
    expect(subject?.nodeId).toBe('send_email_1');
    expect(subject?.message).toMatch(/^line 2, column \d+: unexpected end of template/);
    expect(issues.find((i) => i.field === 'graph.nodes[2].config.to')?.message).toMatch(
      /^line 1, column \d+:/,
    );
  });

  it('checks the trigger settings with the contract schema', () => {
    const issues = journeyIssues(journey([trigger({ kind: 'segment_entered' }), wait]), deps);
    expect(issues).toContainEqual({
      field: 'graph.nodes[0].config.segmentId',
      message: 'choose a segment',
      nodeId: 'trigger',
    });
  });

  it('refuses edges from outputs a node does not have', () => {
    const graph = journey([
      trigger(),
      { id: 'exit_1', type: 'exit', position: at, config: {} },
      email(),
    ]);
    const issues = journeyIssues(graph, deps);
    expect(issues).toContainEqual(
      expect.objectContaining({
        field: 'graph.edges[1].sourceHandle',
        nodeId: 'exit_1',
        edgeId: 'e1',
      }),
    );
    const named = journey([trigger(), wait, email()]);
    named.edges[1] = {
      id: 'e1',
      source: 'wait_1',
      sourceHandle: 'timeout',
      target: 'send_email_1',
    };
    expect(journeyIssues(named, deps)).toContainEqual(
      expect.objectContaining({
        field: 'graph.edges[1].sourceHandle',
        message: '"wait" has no output "timeout"',
      }),
    );
  });

  it('reports structural problems from the shared checker with their node', () => {
    const graph: JourneyGraph = {
      nodes: [trigger(), wait, email()],
      edges: [{ id: 'e0', source: 'trigger', target: 'wait_1' }],
    };
    expect(journeyIssues(graph, deps)).toContainEqual({
      field: 'graph.nodes[2]',
      message: 'not connected to the trigger',
      nodeId: 'send_email_1',
    });
    expect(journeyIssues({ nodes: [trigger()], edges: [] }, deps)).toContainEqual(
      expect.objectContaining({ message: 'the trigger leads nowhere', nodeId: 'trigger' }),
    );
  });

  it('refuses unknown settings and type versions', () => {
    const issues = journeyIssues(
      journey([trigger(), { ...wait, typeVersion: 9 }, email({ bcc: 'x@example.com' })]),
      deps,
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ field: 'graph.nodes[1].typeVersion', nodeId: 'wait_1' }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ field: 'graph.nodes[2].config', nodeId: 'send_email_1' }),
    );
  });
});
