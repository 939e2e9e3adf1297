interface Props {
  title: string;
  testId: string;
  first: boolean;
  last: boolean;
  canRemove: boolean;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** "Branch 2" with move up / down and remove. */
export function ArrayItemHeader({
  title,
  testId,
  first,
  last,
  canRemove,
  onMove,
  onRemove,
}: Props) {
  return (
    <div className="array-field__head">
      <span className="array-field__title">{title}</span>
      <button
        type="button"
        className="icon-button"
        aria-label={`Move ${title} up`}
        title="Move up"
        disabled={first}
        onClick={() => onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Move ${title} down`}
        title="Move down"
        disabled={last}
        onClick={() => onMove(1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid={`${testId}-remove`}
        aria-label={`Remove ${title}`}
        title={canRemove ? 'Remove' : 'At least this many are needed'}
        disabled={!canRemove}
        onClick={onRemove}
      >
        ×
      </button>
    </div>
  );
}
