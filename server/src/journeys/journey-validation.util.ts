import {
  checkGraphStructure,
  type ConfigReferenceKind,
  DEFAULT_OUTPUT,
  formatPath,
  type IssueFix,
  type MessageChannel,
  TRIGGER_NODE_TYPE,
  triggerSchema,
  type JourneyGraph,
  type JourneyNode,
  type Trigger,
} from '@switchyard/contracts';
import type { ActionDefinition } from '@switchyard/sdk';
import type { TemplateProblem } from '../content/template-error.util.js';

/** A problem that stops publishing: the field it is about and, when known, the node. */
export interface JourneyIssue {
  field: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  fixIn?: IssueFix;
}

export interface JourneyValidationDeps {
  resolveAction(type: string, version?: number): ActionDefinition | undefined;
  /** Whether the segment exists in the caller's workspace. */
  segmentExists(segmentId: string): boolean;
  /** The buckets (member segment ids and "fallback") of a group of the workspace. */
  groupBuckets(groupId: string): ReadonlySet<string> | undefined;
  audienceExists(audienceId: string): boolean;
  /** Whether what a node setting names (an audience, segment, topic) is the workspace's. */
  referenceExists(kind: ConfigReferenceKind, id: string): boolean;
  checkTemplate(source: string): TemplateProblem | null;
  /** Whether the workspace can deliver messages on the channel (SMS needs a provider). */
  canSend(channel: MessageChannel): boolean;
}

const REFERENCE_NOUNS: Record<ConfigReferenceKind, string> = {
  audience: 'audience',
  segment: 'segment',
  topic: 'subscription topic',
};

/** What a valid draft publishes as. */
export interface PublishPlan {
  /** The draft with every action node pinned to the type version it was checked with. */
  graph: JourneyGraph;
  trigger: Trigger;
  entryNodeId: string;
}

export type PublishCheck = { ok: true; plan: PublishPlan } | { ok: false; issues: JourneyIssue[] };

/**
 * Everything that must hold before a draft goes live: graph structure (shared with the
 * editor), trigger settings and segment, each node's type, settings, outputs and
 * templates. Pure: the caller looks segments up first.
 */
export function checkJourneyForPublish(
  graph: JourneyGraph,
  deps: JourneyValidationDeps,
): PublishCheck {
  const issues: JourneyIssue[] = structureIssues(graph);
  const indexOf = new Map(graph.nodes.map((node, i) => [node.id, i]));
  let trigger: Trigger | null = null;
  const triggerNodeId = graph.nodes.find((n) => n.type === TRIGGER_NODE_TYPE)?.id ?? null;
  const pinned: JourneyNode[] = [];

  for (const [i, node] of graph.nodes.entries()) {
    const at = `graph.nodes[${i}]`;
    if (node.type === TRIGGER_NODE_TYPE) {
      const parsed = triggerIssues(node, at, deps);
      issues.push(...parsed.issues);
      if (node.id === triggerNodeId) trigger = parsed.trigger;
      pinned.push(node);
      continue;
    }
    const action = deps.resolveAction(node.type, node.typeVersion);
    if (!action) {
      issues.push(unknownType(node, at, deps));
      pinned.push(node);
      continue;
    }
    pinned.push({ ...node, typeVersion: action.version });
    issues.push(...actionIssues(node, at, action, deps));
    issues.push(...outputIssues(graph, node, action));
  }

  const triggerEdges =
    triggerNodeId === null ? [] : graph.edges.filter((e) => e.source === triggerNodeId);
  if (triggerNodeId !== null) {
    const badHandle = triggerEdges.filter(
      (e) => (e.sourceHandle ?? DEFAULT_OUTPUT) !== DEFAULT_OUTPUT,
    );
    for (const edge of badHandle)
      issues.push(
        edgeIssue(
          graph,
          edge.id,
          'sourceHandle',
          `the trigger has no output "${edge.sourceHandle}"`,
          triggerNodeId,
        ),
      );
    if (triggerEdges.length === 0 && !issues.some((i) => i.message === 'the trigger leads nowhere'))
      issues.push({
        field: `graph.nodes[${indexOf.get(triggerNodeId)}]`,
        nodeId: triggerNodeId,
        message: 'the trigger leads nowhere',
      });
  }
  const entry = triggerEdges.find((e) => (e.sourceHandle ?? DEFAULT_OUTPUT) === DEFAULT_OUTPUT);
  if (issues.length > 0 || trigger === null || !entry) return { ok: false, issues: dedupe(issues) };
  return {
    ok: true,
    plan: { graph: { nodes: pinned, edges: graph.edges }, trigger, entryNodeId: entry.target },
  };
}

/** The same issues, for showing a draft (an empty list means publishable). */
export function journeyIssues(graph: JourneyGraph, deps: JourneyValidationDeps): JourneyIssue[] {
  const check = checkJourneyForPublish(graph, deps);
  return check.ok ? [] : check.issues;
}

function structureIssues(graph: JourneyGraph): JourneyIssue[] {
  return checkGraphStructure(graph).map((issue) => {
    const nodeIndex =
      issue.nodeId === undefined ? -1 : graph.nodes.findIndex((n) => n.id === issue.nodeId);
    const edgeIndex =
      issue.edgeId === undefined ? -1 : graph.edges.findIndex((e) => e.id === issue.edgeId);
    const field =
      edgeIndex >= 0
        ? `graph.edges[${edgeIndex}]`
        : nodeIndex >= 0
          ? `graph.nodes[${nodeIndex}]`
          : 'graph';
    const out: JourneyIssue = { field, message: issue.message };
    if (issue.nodeId !== undefined) out.nodeId = issue.nodeId;
    if (issue.edgeId !== undefined) out.edgeId = issue.edgeId;
    return out;
  });
}

function triggerIssues(
  node: JourneyNode,
  at: string,
  deps: JourneyValidationDeps,
): { trigger: Trigger | null; issues: JourneyIssue[] } {
  const parsed = triggerSchema.safeParse(node.config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      field: formatPath(issue.path, `${at}.config`),
      message:
        issue.path[0] === 'segmentId' && node.config['segmentId'] === undefined
          ? 'choose a segment'
          : issue.path[0] === 'kind' && node.config['kind'] === undefined
            ? 'choose what starts the journey'
            : issue.message,
      nodeId: node.id,
    }));
    return { trigger: null, issues };
  }
  const problems = triggerReferenceIssues(parsed.data, deps).map((p) => ({
    field: `${at}.config.${p.field}`,
    message: p.message,
    nodeId: node.id,
  }));
  return problems.length > 0
    ? { trigger: null, issues: problems }
    : { trigger: parsed.data, issues: [] };
}

/** What a trigger names must exist in the workspace (segment, group and its buckets, audience). */
function triggerReferenceIssues(
  trigger: Trigger,
  deps: JourneyValidationDeps,
): { field: string; message: string }[] {
  switch (trigger.kind) {
    case 'segment_entered':
    case 'segment_exited':
    case 'schedule':
      return deps.segmentExists(trigger.segmentId)
        ? []
        : [{ field: 'segmentId', message: 'no such segment in this workspace' }];
    case 'group_moved': {
      const buckets = deps.groupBuckets(trigger.groupId);
      if (!buckets)
        return [{ field: 'groupId', message: 'no such segment group in this workspace' }];
      const issues: { field: string; message: string }[] = [];
      for (const side of ['from', 'to'] as const)
        trigger[side].forEach((bucket, i) => {
          if (!buckets.has(bucket))
            issues.push({ field: `${side}[${i}]`, message: 'not a group of this segment group' });
        });
      return issues;
    }
    case 'audience_broadcast':
      return deps.audienceExists(trigger.audienceId)
        ? []
        : [{ field: 'audienceId', message: 'no such audience in this workspace' }];
    case 'event':
      return [];
    default: {
      const never: never = trigger;
      throw new Error(`unknown trigger ${JSON.stringify(never)}`);
    }
  }
}

function unknownType(node: JourneyNode, at: string, deps: JourneyValidationDeps): JourneyIssue {
  if (node.typeVersion !== undefined && deps.resolveAction(node.type))
    return {
      field: `${at}.typeVersion`,
      message: `node type "${node.type}" has no version ${node.typeVersion}`,
      nodeId: node.id,
    };
  return { field: `${at}.type`, message: `unknown node type "${node.type}"`, nodeId: node.id };
}

function actionIssues(
  node: JourneyNode,
  at: string,
  action: ActionDefinition,
  deps: JourneyValidationDeps,
): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  const parsed = action.parseConfig(node.config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const extra =
        issue.code === 'unrecognized_keys' ? `: ${issue.keys.map((k) => `"${k}"`).join(', ')}` : '';
      issues.push({
        field: formatPath(issue.path, `${at}.config`),
        message: issue.message + extra,
        nodeId: node.id,
      });
    }
  }
  for (const reference of action.references) {
    const id = node.config[reference.field];
    if (typeof id === 'string' && id !== '' && !deps.referenceExists(reference.kind, id))
      issues.push({
        field: `${at}.config.${reference.field}`,
        message: `no such ${REFERENCE_NOUNS[reference.kind]} in this workspace`,
        nodeId: node.id,
      });
  }
  for (const field of action.templateFields) {
    const source = node.config[field];
    if (typeof source !== 'string') continue;
    const problem = deps.checkTemplate(source);
    if (problem)
      issues.push({ field: `${at}.config.${field}`, message: problem.message, nodeId: node.id });
  }
  for (const channel of action.sends)
    if (!deps.canSend(channel))
      issues.push({
        field: `${at}.type`,
        message: cannotSend(action, channel),
        nodeId: node.id,
        fixIn: 'workspace-settings',
      });
  return issues;
}

/** What the workspace lacks for a node's channel, and where to set it up. */
function cannotSend(action: ActionDefinition, channel: MessageChannel): string {
  switch (channel) {
    case 'sms':
      return `${action.title} sends text messages and this workspace has no SMS provider: set one in Settings → Sending & security`;
    case 'email':
    case 'webhook':
      return `${action.title} sends on ${channel}, which this workspace cannot deliver`;
    default: {
      const never: never = channel;
      throw new Error(`unknown channel ${String(never)}`);
    }
  }
}

function outputIssues(
  graph: JourneyGraph,
  node: JourneyNode,
  action: ActionDefinition,
): JourneyIssue[] {
  const parsed = action.parseConfig(node.config);
  if (!parsed.success) return [];
  const outputs = action.outputsFor(parsed.data);
  return graph.edges
    .filter(
      (edge) => edge.source === node.id && !outputs.includes(edge.sourceHandle ?? DEFAULT_OUTPUT),
    )
    .map((edge) => {
      const handle = edge.sourceHandle ?? DEFAULT_OUTPUT;
      const message =
        outputs.length === 0
          ? `"${node.type}" ends the journey: it has no outputs`
          : `"${node.type}" has no output "${handle}"`;
      return edgeIssue(graph, edge.id, 'sourceHandle', message, node.id);
    });
}

function edgeIssue(
  graph: JourneyGraph,
  edgeId: string,
  key: string,
  message: string,
  nodeId: string,
): JourneyIssue {
  const index = graph.edges.findIndex((e) => e.id === edgeId);
  return { field: `graph.edges[${index}].${key}`, message, nodeId, edgeId };
}

function dedupe(issues: JourneyIssue[]): JourneyIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.field}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
