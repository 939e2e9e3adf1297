import { api } from '../app/api';
import { Link } from '../app/link.component';
import { useResource } from '../shared/use-resource.hook';
import type { DeliveriesStep } from './use-deliveries.hook';

/**
 * Which journey step the list is narrowed to (the canvas links here): the journey by name,
 * the step by its label on the canvas (else `fallbackTitle`, the type's title the rows
 * carry, else its id), with a way back to every message.
 */
export function DeliveriesStepScope({
  step,
  fallbackTitle,
}: {
  step: NonNullable<DeliveriesStep>;
  fallbackTitle: string | null;
}) {
  const [journey] = useResource(() => api.journeys.get(step.journeyId), [step.journeyId]);
  const view = journey.state === 'ready' ? journey.data : null;
  const label = view?.graph.nodes.find((node) => node.id === step.stepId)?.label?.trim();
  return (
    <p className="deliveries__scope" data-testid="deliveries-scope">
      <span>
        Only the step <strong>{label || fallbackTitle || step.stepId}</strong> of{' '}
        <Link to={{ page: 'journey-editor', journeyId: step.journeyId }}>
          {view ? `“${view.name}”` : 'its journey'}
        </Link>
        .
      </span>
      <Link to={{ page: 'deliveries' }} className="button button--small" testId="deliveries-all">
        Show every message
      </Link>
    </p>
  );
}
