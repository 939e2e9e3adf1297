import { useEffect, useRef, useState } from 'react';
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
  const buttonRef = useRef<HTMLButtonElement>(null);
  /** Where the confirm opens: under the button, right-aligned, fixed to the viewport. */
  const [anchor, setAnchor] = useState<{ top: number; right: number } | null>(null);
  // Fixed to the viewport, the confirm is never clipped by a table or a scrolling panel;
  // it closes when the page scrolls or resizes rather than drift from its button.
  useEffect(() => {
    if (!open) return;
    const close = () => setOpen(false);
    window.addEventListener('resize', close);
    window.addEventListener('scroll', close, true);
    return () => {
      window.removeEventListener('resize', close);
      window.removeEventListener('scroll', close, true);
    };
  }, [open]);
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
        ref={buttonRef}
        onClick={() => {
          const rect = buttonRef.current?.getBoundingClientRect();
          setAnchor(rect ? { top: rect.bottom + 6, right: window.innerWidth - rect.right } : null);
          setError(null);
          setOpen(true);
        }}
      >
        Delete
      </button>
      {open && (
        <div
          className="confirm-popover"
          role="alertdialog"
          data-testid={`${testId}-confirm`}
          style={anchor ? { position: 'fixed', top: anchor.top, right: anchor.right } : undefined}
        >
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
