import { DEFAULT_OUTPUT, TRIGGER_NODE_TYPE } from '@switchyard/contracts';
import { declaredOutputs } from '@switchyard/contracts';
import type { NodeRegistry } from '../nodes/node-registry';
import type { EditorEdge, EditorNode } from '../serialization/editor-graph.types';

/** A connection being drawn: from a node's output handle to another node. */
export interface ConnectionAttempt {
  source: string;
  sourceHandle?: string | null;
  target: string;
}

export interface ConnectionContext {
  nodes: readonly EditorNode[];
  edges: readonly EditorEdge[];
  registry: NodeRegistry;
}

export interface ConnectionCheckOptions {
  /** The output may already have an edge (it will be replaced): the settings panel's choice. */
  replacing?: boolean;
}

const handleOf = (edge: Pick<EditorEdge, 'sourceHandle'>) => edge.sourceHandle ?? DEFAULT_OUTPUT;

/** True when `to` already reaches `from` (so an edge from -> to would close a loop). */
function reaches(edges: readonly EditorEdge[], from: string, to: string, ignored?: EditorEdge) {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (id === to) return true;
    for (const edge of edges)
      if (edge !== ignored && edge.source === id && !seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
  }
  return false;
}

/**
 * Why a connection is not allowed, or null when it is. One edge per output handle (a
 * branch leads to one step), the output must exist, no self loops, no cycles, nothing
 * into the trigger. Used by React Flow's isValidConnection and by the store itself.
 */
export function connectionProblem(
  context: ConnectionContext,
  attempt: ConnectionAttempt,
  options: ConnectionCheckOptions = {},
): string | null {
  const { nodes, edges, registry } = context;
  const output = attempt.sourceHandle ?? DEFAULT_OUTPUT;
  if (attempt.source === attempt.target) return 'a step cannot lead to itself';
  const source = nodes.find((n) => n.id === attempt.source);
  const target = nodes.find((n) => n.id === attempt.target);
  if (!source || !target) return 'unknown step';
  if (target.data.nodeType === TRIGGER_NODE_TYPE) return 'nothing can lead into the trigger';
  const view = registry[source.data.nodeType];
  if (view && !declaredOutputs(source.data, view).some((o) => o.key === output))
    return `this step has no output "${output}"`;
  const existing = edges.find((e) => e.source === attempt.source && handleOf(e) === output);
  if (existing && existing.target === attempt.target) return 'already connected';
  if (existing && !options.replacing) return 'this output already leads to a step';
  if (reaches(edges, attempt.target, attempt.source, existing)) return 'this would make a loop';
  return null;
}
