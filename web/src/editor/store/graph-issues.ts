import {
  checkGraphStructure,
  DEFAULT_OUTPUT,
  TRIGGER_NODE_TYPE,
  triggerSchema,
  type GraphIssue,
  type JourneyGraph,
  type JourneyNode,
} from '@switchyard/contracts';
import { outputsOf, type NodeRegistry } from '../nodes/node-registry';
import { validateConfig } from '../panel/schema-validation';

export type IssueOrigin = 'structure' | 'settings' | 'server';

/** A problem shown on the canvas and in the issues list. */
export interface EditorIssue {
  nodeId?: string;
  field?: string;
  message: string;
  origin: IssueOrigin;
}

/** The trigger's settings, checked with the contracts' triggerSchema. */
export function triggerErrors(
  config: Record<string, unknown>,
): { path: string; message: string }[] {
  const parsed = triggerSchema.safeParse(config);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const message =
      path === 'segmentId' && !config['segmentId'] ? 'choose a segment' : issue.message;
    return { path, message };
  });
}

function nodeIssues(node: JourneyNode, graph: JourneyGraph, registry: NodeRegistry): EditorIssue[] {
  const settings = (path: string, message: string): EditorIssue => {
    const issue: EditorIssue = {
      nodeId: node.id,
      message: path ? `${path}: ${message}` : message,
      origin: 'settings',
    };
    if (path) issue.field = path;
    return issue;
  };
  const view = registry[node.type];
  if (!view)
    return [{ nodeId: node.id, message: `unknown node type "${node.type}"`, origin: 'settings' }];
  const errors =
    node.type === TRIGGER_NODE_TYPE
      ? triggerErrors(node.config)
      : validateConfig(view.configSchema, node.config);
  const issues = errors.map((e) => settings(e.path, e.message));
  if (view.outputs !== 'dynamic') {
    const outputs = outputsOf({ nodeType: node.type, config: node.config }, view);
    for (const edge of graph.edges.filter((e) => e.source === node.id)) {
      const handle = edge.sourceHandle ?? DEFAULT_OUTPUT;
      if (!outputs.includes(handle))
        issues.push({ nodeId: node.id, message: `has no output "${handle}"`, origin: 'structure' });
    }
  }
  return issues;
}

/**
 * Everything wrong with the draft: the contracts' structural checks (the same the
 * server runs on publish), each node's settings against its schema, and the issues
 * the server sent back with the last save or publish.
 */
export function collectIssues(
  graph: JourneyGraph,
  registry: NodeRegistry,
  serverIssues: readonly GraphIssue[],
): EditorIssue[] {
  const issues: EditorIssue[] = checkGraphStructure(graph).map((issue) => {
    const out: EditorIssue = { message: issue.message, origin: 'structure' };
    if (issue.nodeId !== undefined) out.nodeId = issue.nodeId;
    return out;
  });
  for (const node of graph.nodes) issues.push(...nodeIssues(node, graph, registry));
  // A local settings issue reads "segmentId: choose a segment"; the server says the same
  // thing as "choose a segment" with the field apart. Compare them without the prefix.
  const bare = (i: EditorIssue) =>
    i.field && i.message.startsWith(`${i.field}: `)
      ? i.message.slice(i.field.length + 2)
      : i.message;
  const seen = new Set(issues.map((i) => `${i.nodeId ?? ''}\u0000${bare(i)}`));
  for (const issue of serverIssues) {
    const key = `${issue.nodeId ?? ''}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const out: EditorIssue = { message: issue.message, origin: 'server' };
    if (issue.nodeId !== undefined) out.nodeId = issue.nodeId;
    if (issue.field !== undefined) out.field = issue.field;
    issues.push(out);
  }
  return issues;
}

/** Messages per node id, for badges and red borders. */
export function groupIssuesByNode(issues: readonly EditorIssue[]): Record<string, string[]> {
  const byNode: Record<string, string[]> = {};
  for (const issue of issues) {
    if (issue.nodeId === undefined) continue;
    (byNode[issue.nodeId] ??= []).push(issue.message);
  }
  return byNode;
}
