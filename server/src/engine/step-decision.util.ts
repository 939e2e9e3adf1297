import { DEFAULT_OUTPUT, type JourneyGraph } from '@switchyard/contracts';
import type { ActionResult, EventWait } from '@switchyard/sdk';

/** What the engine records for an action's result. */
export type StepDecision =
  /** Step completed; go to `nextNodeId`, or finish the enrollment (completed) when null. */
  | {
      kind: 'advance';
      output: string | null;
      nextNodeId: string | null;
      context: Record<string, unknown> | null;
    }
  /**
   * Step waiting until `resumeAt`; the resume follows `output`, or `event.output` when the
   * customer does the event first.
   */
  | {
      kind: 'wait';
      output: string;
      resumeAt: Date;
      context: Record<string, unknown> | null;
      event: EventWait | null;
    }
  /** Step completed and the enrollment ends as exited. */
  | { kind: 'exit'; reason: string | null }
  /** The action answered something the node cannot do: the enrollment fails here. */
  | { kind: 'fail'; error: string };

/** Target of the edge leaving `nodeId` through `output`, or null at the end of a path. */
export function nextNodeOf(graph: JourneyGraph, nodeId: string, output: string): string | null {
  const edge = graph.edges.find(
    (e) => e.source === nodeId && (e.sourceHandle ?? DEFAULT_OUTPUT) === output,
  );
  return edge?.target ?? null;
}

/**
 * Decides the step's status and the enrollment's next node from an action's result.
 * Pure: the step runner records the decision in the step's transaction.
 */
export function decideStep(
  result: ActionResult,
  step: { graph: JourneyGraph; nodeId: string; outputs: readonly string[] },
): StepDecision {
  switch (result.kind) {
    case 'continue': {
      const output = chooseOutput(result.output, step.outputs);
      if (!output.ok) return { kind: 'fail', error: output.error };
      const nextNodeId =
        output.name === null ? null : nextNodeOf(step.graph, step.nodeId, output.name);
      return { kind: 'advance', output: output.name, nextNodeId, context: result.context ?? null };
    }
    case 'wait': {
      if (!(result.until instanceof Date) || Number.isNaN(result.until.getTime()))
        return { kind: 'fail', error: 'the action asked to wait without a valid date' };
      const output = chooseOutput(result.output, step.outputs);
      if (!output.ok) return { kind: 'fail', error: output.error };
      if (result.event && !step.outputs.includes(result.event.output))
        return {
          kind: 'fail',
          error: `the action waits for an event through output "${result.event.output}", which the node does not have`,
        };
      return {
        kind: 'wait',
        output: output.name ?? DEFAULT_OUTPUT,
        resumeAt: result.until,
        context: result.context ?? null,
        event: result.event ?? null,
      };
    }
    case 'exit':
      return { kind: 'exit', reason: result.reason ?? null };
    default: {
      const never: never = result;
      return { kind: 'fail', error: `unknown action result ${JSON.stringify(never)}` };
    }
  }
}

type OutputChoice = { ok: true; name: string | null } | { ok: false; error: string };

/** The named output, or the default; `null` for a node without outputs (path ends). */
function chooseOutput(requested: string | undefined, outputs: readonly string[]): OutputChoice {
  if (requested !== undefined) {
    if (outputs.includes(requested)) return { ok: true, name: requested };
    return {
      ok: false,
      error: `the action chose output "${requested}", which the node does not have`,
    };
  }
  if (outputs.length === 0) return { ok: true, name: null };
  if (outputs.includes(DEFAULT_OUTPUT)) return { ok: true, name: DEFAULT_OUTPUT };
  if (outputs.length === 1) return { ok: true, name: outputs[0] ?? null };
  return { ok: false, error: `the action must choose one of its outputs (${outputs.join(', ')})` };
}
