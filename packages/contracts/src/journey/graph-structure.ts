import { DEFAULT_OUTPUT, type GraphIssue, type JourneyGraph } from './journey-graph.schema.js';
import { TRIGGER_NODE_TYPE } from './trigger.schema.js';

/** Node types that pause a run: a loop through one of them cannot spin. */
export const WAITING_NODE_TYPES: ReadonlySet<string> = new Set([
  'wait',
  'wait_until',
  'wait_for_event',
]);

/**
 * Structural checks that need no node registry: exactly one trigger, edges point at
 * nodes that exist, every node reachable from the trigger, no cycle without a wait, one
 * edge per output.
 * Shared by the server (publish) and the editor (inline errors).
 */
export function checkGraphStructure(graph: JourneyGraph): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const ids = new Set<string>();
  for (const node of graph.nodes) {
    if (ids.has(node.id))
      issues.push({ nodeId: node.id, message: `duplicate node id "${node.id}"` });
    ids.add(node.id);
  }
  const triggers = graph.nodes.filter((n) => n.type === TRIGGER_NODE_TYPE);
  if (triggers.length === 0) issues.push({ message: 'the journey needs a trigger' });
  for (const extra of triggers.slice(1))
    issues.push({ nodeId: extra.id, message: 'a journey has exactly one trigger' });

  const outgoing = new Map<string, string[]>();
  const usedOutputs = new Set<string>();
  for (const edge of graph.edges) {
    // A dangling edge is reported on the node at its other end, when that one exists.
    if (!ids.has(edge.source))
      issues.push({
        edgeId: edge.id,
        ...(ids.has(edge.target) ? { nodeId: edge.target } : {}),
        message: `edge starts at unknown node "${edge.source}"`,
      });
    if (!ids.has(edge.target))
      issues.push({
        edgeId: edge.id,
        ...(ids.has(edge.source) ? { nodeId: edge.source } : {}),
        message: `edge ends at unknown node "${edge.target}"`,
      });
    if (edge.source === edge.target)
      issues.push({
        nodeId: edge.source,
        edgeId: edge.id,
        message: 'a node cannot connect to itself',
      });
    const output = `${edge.source}\u0000${edge.sourceHandle ?? DEFAULT_OUTPUT}`;
    if (usedOutputs.has(output))
      issues.push({
        nodeId: edge.source,
        edgeId: edge.id,
        message: `output "${edge.sourceHandle ?? DEFAULT_OUTPUT}" is connected more than once`,
      });
    usedOutputs.add(output);
    const targets = outgoing.get(edge.source) ?? [];
    targets.push(edge.target);
    outgoing.set(edge.source, targets);
  }
  if (graph.edges.some((e) => triggers.some((t) => t.id === e.target)))
    issues.push({ nodeId: triggers[0]?.id, message: 'nothing can lead into the trigger' });

  const trigger = triggers[0];
  if (trigger) {
    const reached = new Set<string>([trigger.id]);
    const queue = [trigger.id];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      for (const next of outgoing.get(id) ?? []) {
        if (!reached.has(next) && ids.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    for (const node of graph.nodes)
      if (!reached.has(node.id))
        issues.push({ nodeId: node.id, message: 'not connected to the trigger' });
    if (graph.nodes.length === 1)
      issues.push({ nodeId: trigger.id, message: 'the trigger leads nowhere' });
  }

  // A loop is fine when it waits somewhere (wait 1 day -> check -> back); without a wait
  // it would spin. Cycles are searched in the graph without its waiting nodes.
  const waits = new Set(graph.nodes.filter((n) => WAITING_NODE_TYPES.has(n.type)).map((n) => n.id));
  const withoutWaits = new Map(
    [...outgoing].flatMap(([source, targets]) =>
      waits.has(source) ? [] : [[source, targets.filter((t) => !waits.has(t))] as const],
    ),
  );
  const cycle = findCycle(
    graph.nodes.filter((n) => !waits.has(n.id)).map((n) => n.id),
    withoutWaits,
  );
  if (cycle)
    issues.push({ nodeId: cycle[0], message: `cycle without a wait: ${cycle.join(' -> ')}` });
  return issues;
}

function findCycle(ids: string[], outgoing: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'open');
    stack.push(id);
    for (const next of outgoing.get(id) ?? []) {
      const s = state.get(next);
      if (s === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (s === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of ids) {
    if (!state.has(id)) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return null;
}
