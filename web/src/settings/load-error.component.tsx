import { describeError } from '../api/api-client';

/** A list that could not be loaded: why, and a retry. */
export function LoadError({
  what,
  error,
  onRetry,
}: {
  what: string;
  error: unknown;
  onRetry: () => void;
}) {
  return (
    <p className="banner banner--error" role="alert">
      Could not load {what}: {describeError(error)}{' '}
      <button type="button" className="link-button" onClick={onRetry}>
        Retry
      </button>
    </p>
  );
}
