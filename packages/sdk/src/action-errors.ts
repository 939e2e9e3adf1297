/** The step failed for a reason that may pass (timeout, 5xx): the engine retries with backoff. */
export class RetryableActionError extends Error {
  override readonly name = 'RetryableActionError';
}

/** The step can never succeed (bad address, 4xx): the enrollment fails at this node. */
export class FatalActionError extends Error {
  override readonly name = 'FatalActionError';
}
