import { describeError } from '../api/api-client';
import { Link } from '../app/link.component';
import type { Route } from '../app/routes';

/** A page whose data could not be loaded: why, a retry, and the way back. */
export function LoadFailed({
  what,
  error,
  onRetry,
  back,
}: {
  /** e.g. "the segment" */
  what: string;
  error: unknown;
  onRetry: () => void;
  back: { to: Route; label: string };
}) {
  return (
    <div className="page">
      <p className="banner banner--error" role="alert">
        Could not load {what}: {describeError(error)}{' '}
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      </p>
      <Link to={back.to}>{back.label}</Link>
    </div>
  );
}
