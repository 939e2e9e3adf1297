import { SubmitButton } from '../shared/form.component';

/** "Saved." next to a card's button after its save went through. */
export function SavedNote({ saved, testId }: { saved: boolean; testId: string }) {
  if (!saved) return null;
  return (
    <span className="saved-note" role="status" data-testid={testId}>
      Saved.
    </span>
  );
}

/** A settings card's submit button ("Saving…" while busy), with "Saved." after a save. */
export function SaveActions({
  busy,
  label,
  testId,
  saved,
}: {
  busy: boolean;
  label: string;
  testId: string;
  /** Whether the last save went through, and the note's test id; none for forms that clear. */
  saved?: { saved: boolean; testId: string };
}) {
  return (
    <div className="settings-form__actions">
      <SubmitButton busy={busy} label={label} busyLabel="Saving…" testId={testId} />
      {saved && <SavedNote saved={saved.saved} testId={saved.testId} />}
    </div>
  );
}
