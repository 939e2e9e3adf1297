/** "Saved." next to a card's button after its save went through. */
export function SavedNote({ saved, testId }: { saved: boolean; testId: string }) {
  if (!saved) return null;
  return (
    <span className="saved-note" role="status" data-testid={testId}>
      Saved.
    </span>
  );
}
