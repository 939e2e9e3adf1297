import {
  checkGraphStructure,
  DEFAULT_OUTPUT,
  TRIGGER_NODE_TYPE,
  type GraphIssue,
  type IssueFix,
  type JourneyGraph,
  type JourneyNode,
} from '@switchyard/contracts';
import { declaredOutputs } from '@switchyard/contracts';
import type { NodeRegistry } from '../nodes/node-registry';
import { humanize } from '@switchyard/contracts';
import { validateConfig } from '../panel/schema-validation';
import { triggerErrors } from '../trigger/trigger-config';

export { triggerErrors } from '../trigger/trigger-config';

export type IssueOrigin = 'structure' | 'settings' | 'server';

/** A problem shown on the canvas and in the issues list. */
export interface EditorIssue {
  nodeId?: string;
  field?: string;
  message: string;
  origin: IssueOrigin;
  /** Where to fix it when that is outside the journey (the issues list links there). */
  fixIn?: IssueFix;
}

/** A settings path as a marketer reads it: `branches.0.label` -> "Branches #1 › Label". */
export function pathLabel(path: string): string {
  return path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : humanize(part)))
    .join(' › ')
    .replace(/ › #/g, ' #');
}

function nodeIssues(node: JourneyNode, graph: JourneyGraph, registry: NodeRegistry): EditorIssue[] {
  const isTrigger = node.type === TRIGGER_NODE_TYPE;
  const settings = (path: string, message: string): EditorIssue => {
    // The trigger's messages name what is missing ("choose a segment") by themselves.
    const prefix = path && !isTrigger ? `${pathLabel(path)}: ` : '';
    const issue: EditorIssue = {
      nodeId: node.id,
      message: `${prefix}${message}`,
      origin: 'settings',
    };
    if (path) issue.field = path;
    return issue;
  };
  const view = registry[node.type];
  if (!view)
    return [{ nodeId: node.id, message: `unknown node type "${node.type}"`, origin: 'settings' }];
  const errors = isTrigger
    ? triggerErrors(node.config)
    : validateConfig(view.configSchema, node.config);
  const issues = errors.map((e) => settings(e.path, e.message));
  const outputs = declaredOutputs({ nodeType: node.type, config: node.config }, view);
  for (const edge of graph.edges.filter((e) => e.source === node.id)) {
    const handle = edge.sourceHandle ?? DEFAULT_OUTPUT;
    if (!outputs.some((o) => o.key === handle))
      issues.push({ nodeId: node.id, message: `has no output "${handle}"`, origin: 'structure' });
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
  // A local settings issue reads "Subject: is required"; the server says the same thing
  // as "is required" with the field apart. Compare them without the prefix.
  const bare = (i: EditorIssue) => {
    const prefix = i.field ? `${pathLabel(i.field)}: ` : '';
    return prefix && i.message.startsWith(prefix) ? i.message.slice(prefix.length) : i.message;
  };
  const seen = new Set(issues.map((i) => `${i.nodeId ?? ''}\u0000${bare(i)}`));
  for (const issue of serverIssues) {
    const key = `${issue.nodeId ?? ''}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const out: EditorIssue = { message: issue.message, origin: 'server' };
    if (issue.nodeId !== undefined) out.nodeId = issue.nodeId;
    if (issue.field !== undefined) out.field = issue.field;
    if (issue.fixIn !== undefined) out.fixIn = issue.fixIn;
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
