import { formatCount } from './format';

/** "51–100 of 240": the rows shown of all; "0 of 0" when none. */
export function pageRange(offset: number, shown: number, total: number): string {
  if (shown === 0) return `0 of ${formatCount(total)}`;
  return `${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`;
}

/** Newest-first pages of a list: which rows are shown, and Newer / Older. */
export function Pager({
  offset,
  pageSize,
  shown,
  total,
  onOffset,
  testId,
}: {
  offset: number;
  pageSize: number;
  /** Rows on this page. */
  shown: number;
  total: number;
  onOffset: (offset: number) => void;
  testId?: string;
}) {
  return (
    <div className="pager">
      <span className="muted" data-testid={testId}>
        {pageRange(offset, shown, total)}
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - pageSize))}
      >
        Newer
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={offset + pageSize >= total}
        onClick={() => onOffset(offset + pageSize)}
      >
        Older
      </button>
    </div>
  );
}
