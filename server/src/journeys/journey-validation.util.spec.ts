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
  groupBuckets: (id) => (id === GROUP ? new Set([SEGMENT, 'fallback']) : undefined),
  audienceExists: (id) => id === AUDIENCE,
  referenceExists: (kind, id) => (kind === 'topic' ? id === TOPIC : id === AUDIENCE),
  checkTemplate: (source) => templates.check(source),
  canSend: () => true,
};
const GROUP = '1b7c1f9e-3c52-4a8e-9a43-2b0f5f1f2a10';
const AUDIENCE = '2c7c1f9e-3c52-4a8e-9a43-2b0f5f1f2a10';
const TOPIC = '3d7c1f9e-3c52-4a8e-9a43-2b0f5f1f2a10';

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

  it('refuses a node whose channel the workspace cannot deliver, naming what to set up', () => {
    const sms: JourneyNode = {
      id: 'send_sms_1',
      type: 'send_sms',
      position: at,
      config: { body: 'Your order shipped' },
    };
    const graph = journey([trigger(), sms, email()]);
    expect(journeyIssues(graph, deps)).toEqual([]);
    const noSms: JourneyValidationDeps = { ...deps, canSend: (channel) => channel !== 'sms' };
    expect(journeyIssues(graph, noSms)).toEqual([
      {
        field: 'graph.nodes[1].type',
        message:
          'Send SMS sends text messages and this workspace has no SMS provider: set one in Settings → Sending & security',
        nodeId: 'send_sms_1',
        fixIn: 'workspace-settings',
      },
    ]);
    const asked: string[] = [];
    journeyIssues(graph, { ...deps, canSend: (channel) => (asked.push(channel), true) });
    expect(asked.sort()).toEqual(['email', 'sms']);
  });

  it("refuses settings naming what is not the workspace's: a topic, an audience", () => {
    const audienceNode = (audienceId: string): JourneyNode => ({
      id: 'tag',
      type: 'add_to_audience',
      position: at,
      config: { audienceId },
    });
    const ok = journey([trigger(), email({ topic: TOPIC }), audienceNode(AUDIENCE)]);
    expect(journeyIssues(ok, deps)).toEqual([]);
    const gone = journey([trigger(), email({ topic: OTHER_SEGMENT }), audienceNode(SEGMENT)]);
    expect(journeyIssues(gone, deps)).toEqual([
      {
        field: 'graph.nodes[1].config.topic',
        message: 'no such subscription topic in this workspace',
        nodeId: 'send_email_1',
      },
      {
        field: 'graph.nodes[2].config.audienceId',
        message: 'no such audience in this workspace',
        nodeId: 'tag',
      },
    ]);
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

  it('checks what each trigger kind names: group buckets, audiences, schedules', () => {
    const graphWith = (config: Record<string, unknown>): JourneyGraph => ({
      nodes: [trigger(config), wait],
      edges: [{ id: 'e1', source: 'trigger', target: 'wait_1' }],
    });
    const fields = (config: Record<string, unknown>) =>
      journeyIssues(graphWith(config), deps).map((i) => `${i.field}: ${i.message}`);
    expect(
      fields({ kind: 'group_moved', groupId: GROUP, from: [], to: [SEGMENT, 'fallback'] }),
    ).toEqual([]);
    expect(fields({ kind: 'group_moved', groupId: GROUP, from: [OTHER_SEGMENT], to: [] })).toEqual([
      'graph.nodes[0].config.to: pick at least one group to move into',
    ]);
    expect(
      fields({ kind: 'group_moved', groupId: GROUP, from: [OTHER_SEGMENT], to: ['fallback'] }),
    ).toEqual(['graph.nodes[0].config.from[0]: not a group of this segment group']);
    expect(
      fields({ kind: 'group_moved', groupId: OTHER_SEGMENT, from: [], to: ['fallback'] }),
    ).toEqual(['graph.nodes[0].config.groupId: no such segment group in this workspace']);
    expect(fields({ kind: 'audience_broadcast', audienceId: AUDIENCE })).toEqual([]);
    expect(fields({ kind: 'audience_broadcast', audienceId: OTHER_SEGMENT })).toEqual([
      'graph.nodes[0].config.audienceId: no such audience in this workspace',
    ]);
    expect(
      fields({
        kind: 'schedule',
        segmentId: SEGMENT,
        schedule: { frequency: 'daily', time: '25:00' },
      }),
    ).toEqual(['graph.nodes[0].config.schedule.time: must be a time of day, HH:MM (24-hour)']);
    expect(
      fields({
        kind: 'event',
        event: 'Order Completed',
        where: [{ property: 'total', op: 'gt', value: 100 }],
      }),
    ).toEqual([]);
    expect(fields({})).toEqual(['graph.nodes[0].config.kind: choose what starts the journey']);
  });

  it('allows a loop through a wait and refuses one without', () => {
    const loop = (type: string): JourneyGraph => ({
      nodes: [
        trigger(),
        { ...wait, type, config: type === 'wait' ? wait.config : { reason: 'x' } },
        { ...wait, id: 'wait_2', type: 'wait' },
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'wait_1' },
        { id: 'e2', source: 'wait_1', target: 'wait_2' },
        { id: 'e3', source: 'wait_2', target: 'wait_1' },
      ],
    });
    expect(journeyIssues(loop('wait'), deps)).toEqual([]);
    const graph: JourneyGraph = {
      nodes: [trigger(), email(), { ...email(), id: 'send_email_2' }],
      edges: [
        { id: 'e1', source: 'trigger', target: 'send_email_1' },
        { id: 'e2', source: 'send_email_1', target: 'send_email_2' },
        { id: 'e3', source: 'send_email_2', target: 'send_email_1' },
      ],
    };
    expect(journeyIssues(graph, deps).map((i) => i.message)).toContain(
      'cycle without a wait: send_email_1 -> send_email_2 -> send_email_1',
    );
  });
});
