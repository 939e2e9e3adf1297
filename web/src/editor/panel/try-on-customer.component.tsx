import type { ReactNode } from 'react';
import type { DryRunState } from './use-dry-run.hook';

/**
 * The customer form of the dry runs ("Try it on a customer", "Try the journey on a
 * customer"): an optional customer id, the button, a hint and the last error.
 */
export function TryOnCustomerForm({
  testId,
  title,
  action,
  busyAction,
  hint,
  state,
  onRun,
}: {
  /** Prefix of the test ids: `<testId>-customer`, `-run`, `-error`. */
  testId: string;
  title: string;
  action: string;
  busyAction: string;
  hint: ReactNode;
  /** From useDryRun. */
  state: Pick<DryRunState, 'customer' | 'setCustomer' | 'busy' | 'error'>;
  onRun: () => void;
}) {
  const { customer, setCustomer, busy, error } = state;
  return (
    <>
      <h3 className="panel__subheading">{title}</h3>
      <form
        className="step-preview__form"
        onSubmit={(e) => {
          e.preventDefault();
          onRun();
        }}
      >
        <input
          type="text"
          aria-label="Customer id"
          placeholder="Customer id (optional)"
          data-testid={`${testId}-customer`}
          value={customer}
          maxLength={200}
          onChange={(e) => setCustomer(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy} data-testid={`${testId}-run`}>
          {busy ? busyAction : action}
        </button>
      </form>
      <p className="muted small">{hint}</p>
      {error && (
        <p className="field__error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </>
  );
}
