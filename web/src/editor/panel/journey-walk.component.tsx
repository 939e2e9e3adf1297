import { type JourneyWalkEnd, type JourneyWalkStep, shownOutputs } from '@switchyard/contracts';
import { useEffect } from 'react';
import { api } from '../../app/api';
import { Link } from '../../app/link.component';
import { formatDate } from '../../shared/format';
import { flowToGraph } from '../serialization/graph-serialization';
import { useEditorStore } from '../store/editor.store';
import { useWalkPathStore } from '../store/walk-path.store';
import { HeldNotice, PreviewMessage } from './step-preview.component';
import { TryOnCustomerForm } from './try-on-customer.component';
import { useDryRun } from './use-dry-run.hook';

/**
 * "Try the journey on a customer", under the trigger's settings: the graph as it is on the
 * canvas (saved or not) walked for a customer as a dry run (POST /api/journeys/:id/
 * preview-run): every step they would pass, what each would send or set, where they would
 * leave. Waits are passed at once; nothing is sent.
 */
export function JourneyWalkSection({ journeyId }: { journeyId: string }) {
  // The graph as it is on the canvas when asked, unsaved edits included.
  const dryRun = useDryRun((customer) => {
    const { nodes, edges } = useEditorStore.getState();
    return api.journeys.previewRun(journeyId, {
      graph: flowToGraph(nodes, edges),
      ...(customer ? { customer } : {}),
    });
  });
  const walk = dryRun.result;
  // The path shows on the canvas while its list is open here.
  const showPath = useWalkPathStore((s) => s.show);
  useEffect(
    () => showPath(walk?.steps.map((step) => step.nodeId) ?? [], walk?.customer.externalId ?? ''),
    [walk, showPath],
  );
  useEffect(() => () => useWalkPathStore.getState().clear(), []);

  return (
    <section className="step-preview" data-testid="journey-walk">
      <TryOnCustomerForm
        testId="journey-walk"
        title="Try the journey on a customer"
        action="Walk through"
        busyAction="Walking…"
        hint="Every step they would pass, as the canvas is now. Waits are passed at once; nothing is sent or saved."
        state={dryRun}
        onRun={() => void dryRun.run()}
      />
      {walk && (
        <div className="step-preview__result" data-testid="journey-walk-result">
          <p className="muted small">
            For{' '}
            <Link to={{ page: 'customer', customerId: walk.customer.id }}>
              {walk.customer.externalId}
            </Link>
            , entering now.
          </p>
          <ol className="journey-walk__steps">
            {walk.steps.map((step, i) => (
              <WalkStep key={`${i}-${step.nodeId}`} step={step} />
            ))}
          </ol>
          <p className="step-preview__outcome" data-testid="journey-walk-end">
            {endText(walk.end)}
          </p>
        </div>
      )}
    </section>
  );
}

function WalkStep({ step }: { step: JourneyWalkStep }) {
  const view = useEditorStore((s) => s.registry[step.nodeType]);
  const data = useEditorStore((s) => s.nodes.find((n) => n.id === step.nodeId)?.data);
  const name = step.label || view?.title || step.nodeId;
  const { outcome } = step;
  const branch = (key: string) => {
    const outputs = data ? shownOutputs(data, view) : [];
    return outputs.length > 1 ? (outputs.find((o) => o.key === key)?.label ?? key) : null;
  };
  const detail = ((): string | null => {
    switch (outcome.kind) {
      case 'continue': {
        const through = outcome.output === null ? null : branch(outcome.output);
        return through ? `through “${through}”` : null;
      }
      case 'wait':
        return outcome.event
          ? `waits until ${formatDate(outcome.until)} or until they do “${outcome.event.name}” (passed at once here, as if they did not)`
          : `waits until ${formatDate(outcome.until)} (passed at once here)`;
      case 'exit':
        return 'leaves the journey';
      case 'error':
        return `would fail: ${outcome.message}`;
      default: {
        const unknown: never = outcome;
        return String(unknown);
      }
    }
  })();
  return (
    <li className="journey-walk__step" data-testid={`journey-walk-step-${step.nodeId}`}>
      <button
        type="button"
        className="link-button journey-walk__open"
        title="Open this step (tried on the same customer)"
        data-testid={`journey-walk-open-${step.nodeId}`}
        onClick={() => openStep(step.nodeId)}
      >
        {name}
      </button>
      {detail && (
        <span className={outcome.kind === 'error' ? 'field__error' : 'muted'}> · {detail}</span>
      )}
      {step.messages.map((message, i) => (
        <PreviewMessage key={i} message={message} compact />
      ))}
      {step.held && <HeldNotice held={step.held} />}
      {Object.entries(step.traits).map(([trait, value]) => (
        <p key={trait} className="small">
          Sets <code>{trait}</code> to {JSON.stringify(value)}
        </p>
      ))}
      {step.audiences.length > 0 && (
        <p className="small">Adds to {step.audiences.map((a) => a.name ?? a.id).join(', ')}</p>
      )}
    </li>
  );
}

/** Selects the step on the canvas: the panel shows it, ready to try on the walk's customer. */
function openStep(nodeId: string): void {
  const { nodes, onNodesChange } = useEditorStore.getState();
  onNodesChange(nodes.map((n) => ({ type: 'select', id: n.id, selected: n.id === nodeId })));
}

function endText(end: JourneyWalkEnd): string {
  switch (end.kind) {
    case 'completed':
      return 'Then the run completes.';
    case 'exited':
      return `Then they leave the journey${end.reason ? ` (${end.reason})` : ''}.`;
    case 'failed':
      return 'The run would fail at that step.';
    case 'limit':
      return `Stopped after ${end.steps} steps: the path loops through waits.`;
    case 'broken':
      return `Stopped: the next connection leads to step “${end.nodeId}”, which is not on the canvas.`;
    default: {
      const unknown: never = end;
      return String(unknown);
    }
  }
}
