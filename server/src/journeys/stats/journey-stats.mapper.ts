import {
  journeyGoalSchema,
  TRIGGER_NODE_TYPE,
  type HoldoutStats,
  type JourneyGoal,
  type JourneyGraph,
  type JourneyNode,
  type JourneyStats,
  type NodeStats,
} from '@switchyard/contracts';
import { holdoutLift, type Proportion } from './holdout-lift.util.js';
import type { OutputCountsRow, VersionStatsRow } from './journey-stats.sql.js';

/** The node type that splits customers at random, optionally holding some out. */
export const RANDOM_SPLIT_NODE_TYPE = 'random_split';
/** The output a random split records for held-out customers. */
export const HOLDOUT_OUTPUT = 'holdout';

const EMPTY_TOTALS: JourneyStats['enrollments'] = {
  total: 0,
  active: 0,
  completed: 0,
  failed: 0,
  exited: 0,
  converted: 0,
};

/** The goal of a version's stored settings; null when absent or not a valid goal. */
export function goalOf(settings: unknown): JourneyGoal | null {
  if (typeof settings !== 'object' || settings === null) return null;
  const parsed = journeyGoalSchema.safeParse((settings as Record<string, unknown>)['goal']);
  return parsed.success ? parsed.data : null;
}

/** A journey with no version to report on. */
export function emptyStats(journeyId: string): JourneyStats {
  return {
    journeyId,
    versionId: null,
    enrollments: { ...EMPTY_TOTALS },
    goal: null,
    nodes: [],
    holdouts: [],
  };
}

/** Random splits of the graph that hold customers out (`holdoutPercent` > 0). */
export function holdoutNodes(graph: JourneyGraph): JourneyNode[] {
  return graph.nodes.filter(
    (node) =>
      node.type === RANDOM_SPLIT_NODE_TYPE && Number(node.config['holdoutPercent'] ?? 0) > 0,
  );
}

/**
 * Stats of a version from its counts: one NodeStats per node of the graph, in graph
 * order (the trigger reports every enrollment as entered and completed), and one
 * HoldoutStats per random split with a holdout.
 */
export function toJourneyStats(
  journeyId: string,
  versionId: string,
  graph: JourneyGraph,
  goal: JourneyGoal | null,
  row: VersionStatsRow,
): JourneyStats {
  const enrollments = { ...EMPTY_TOTALS };
  for (const key of Object.keys(enrollments) as (keyof typeof enrollments)[])
    enrollments[key] = Number(row.totals[key]);
  const counts = new Map(row.nodes.map((n) => [n.node_id, n]));
  const messages = new Map(
    row.messages.map((m) => [
      m.node_id,
      { sent: Number(m.sent), failed: Number(m.failed), waiting: Number(m.waiting) },
    ]),
  );
  const skips = new Map<string, { reason: string; count: number }[]>();
  for (const k of row.skips)
    skips.set(k.node_id, [
      ...(skips.get(k.node_id) ?? []),
      { reason: k.reason ?? 'no reason recorded', count: Number(k.count) },
    ]);
  const unsubscribed = new Map(row.unsubscribes.map((u) => [u.node_id, Number(u.count)]));
  const complaints = new Map(row.complaints.map((c) => [c.node_id, Number(c.count)]));
  const engagements = new Map(row.engagements.map((g) => [g.node_id, g]));
  const outputs = new Map<string, OutputCountsRow[]>();
  for (const o of row.outputs) outputs.set(o.node_id, [...(outputs.get(o.node_id) ?? []), o]);

  const nodes = graph.nodes.map((node): NodeStats => {
    if (node.type === TRIGGER_NODE_TYPE)
      return {
        nodeId: node.id,
        type: node.type,
        entered: enrollments.total,
        completed: enrollments.total,
        failed: 0,
        waiting: 0,
        converted: enrollments.converted,
        outputs: [],
        messages: null,
        skipped: [],
        unsubscribed: 0,
        complaints: 0,
        opened: 0,
        clicked: 0,
      };
    const c = counts.get(node.id);
    return {
      nodeId: node.id,
      type: node.type,
      entered: Number(c?.entered ?? 0),
      completed: Number(c?.completed ?? 0),
      failed: Number(c?.failed ?? 0),
      waiting: Number(c?.waiting ?? 0),
      converted: Number(c?.converted ?? 0),
      outputs: (outputs.get(node.id) ?? []).map((o) => ({
        output: o.output,
        count: Number(o.count),
        converted: Number(o.converted),
      })),
      messages: messages.get(node.id) ?? null,
      skipped: skips.get(node.id) ?? [],
      unsubscribed: unsubscribed.get(node.id) ?? 0,
      complaints: complaints.get(node.id) ?? 0,
      opened: Number(engagements.get(node.id)?.opened ?? 0),
      clicked: Number(engagements.get(node.id)?.clicked ?? 0),
    };
  });

  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const holdouts = holdoutNodes(graph).map((node): HoldoutStats => {
    const treated: Proportion = { n: 0, converted: 0 };
    const heldOut: Proportion = { n: 0, converted: 0 };
    for (const o of byId.get(node.id)?.outputs ?? []) {
      const group = o.output === HOLDOUT_OUTPUT ? heldOut : treated;
      group.n += o.count;
      group.converted += o.converted;
    }
    return holdoutLift(node.id, treated, heldOut);
  });

  return { journeyId, versionId, enrollments, goal, nodes, holdouts };
}
