import { useState } from 'react';
import { describeError } from '../api/api-client';
import { useCan } from '../auth/use-can.hook';

/**
 * "Delete" that asks first: a confirm saying what goes and what stays, then `onDelete`.
 * A refusal from the server (a 409 saying why, e.g. "stop it first") is shown in the
 * confirm. Hidden from viewers, like the other edit buttons; `blockedBy` disables it with
 * the reason as its tooltip (e.g. a live journey must be stopped first).
 */
export function DeleteButton({
  what,
  consequence,
  onDelete,
  onDeleted,
  blockedBy,
  testId,
}: {
  /** e.g. `the journey "Welcome"` */
  what: string;
  /** What goes with it and what stays, one or two sentences. */
  consequence: string;
  onDelete: () => Promise<unknown>;
  onDeleted: () => void;
  blockedBy?: string | null;
  testId: string;
}) {
  const canEdit = useCan('marketer');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canEdit) return null;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onDelete();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
      return;
    }
    setBusy(false);
    setOpen(false);
    onDeleted();
  };

  return (
    <span className="delete-button">
      <button
        type="button"
        className="button button--danger-outline"
        data-testid={testId}
        disabled={!!blockedBy}
        title={blockedBy ?? `Delete ${what}`}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Delete
      </button>
      {open && (
        <div className="confirm-popover" role="alertdialog" data-testid={`${testId}-confirm`}>
          <p>
            <strong>Delete {what}?</strong> {consequence} This cannot be undone.
          </p>
          {error && (
            <p className="confirm-popover__error" role="alert" data-testid={`${testId}-error`}>
              {error}
            </p>
          )}
          <button type="button" className="button" disabled={busy} onClick={() => setOpen(false)}>
            Keep it
          </button>
          <button
            type="button"
            className="button button--danger"
            data-testid={`${testId}-yes`}
            disabled={busy}
            onClick={() => void confirm()}
          >
            {busy ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      )}
    </span>
  );
}
