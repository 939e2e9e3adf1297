import type { GroupMovementView } from '@switchyard/contracts';
import { formatCount, formatShare } from './movement-format';
import type { MovementDates, MovementPick } from './movement-pick';

/**
 * The from -> to matrix: a row per bucket on the first date (and new customers), a column
 * per bucket on the second; each cell shows its count and its share of the row, and the
 * title gives the share of the column too. Clicking a cell picks those customers.
 */
export function MovementMatrix({
  view,
  dates,
  picked,
  onPick,
}: {
  view: GroupMovementView;
  dates: MovementDates;
  picked: MovementPick | null;
  onPick: (pick: MovementPick) => void;
}) {
  const rows: (number | null)[] = [
    ...(view.totals.new > 0 ? [null] : []),
    ...view.buckets.map((b) => b.index),
  ];
  const label = (index: number | null) =>
    index === null ? 'New customers' : (view.buckets.find((b) => b.index === index)?.label ?? '');
  return (
    <div className="table-scroll">
      <table className="table movement-matrix" data-testid="movement-matrix">
        <thead>
          <tr>
            <th>
              {dates.from} ↓ / {dates.to} →
            </th>
            {view.buckets.map((b) => (
              <th key={b.index}>
                <span className="swatch" style={{ background: b.color }} /> {b.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((from) => (
            <tr key={from ?? 'new'}>
              <th scope="row">{label(from)}</th>
              {view.buckets.map((b) => {
                const cell = view.matrix.find((c) => c.from === from && c.to === b.index);
                const active =
                  picked?.kind === 'cell' && picked.from === from && picked.to === b.index;
                if (!cell)
                  return (
                    <td key={b.index} className="muted">
                      ·
                    </td>
                  );
                return (
                  <td key={b.index} className={from === b.index ? 'movement-matrix__stay' : ''}>
                    <button
                      type="button"
                      className={`matrix-cell${active ? ' matrix-cell--active' : ''}`}
                      data-testid={`matrix-cell-${from ?? 'new'}-${b.index}`}
                      title={[
                        `${formatCount(cell.count)} customers: ${label(from)} → ${b.label}`,
                        cell.shareOfFrom !== null
                          ? `${formatShare(cell.shareOfFrom)} of ${label(from)} on ${dates.from}`
                          : '',
                        cell.shareOfTo !== null
                          ? `${formatShare(cell.shareOfTo)} of ${b.label} on ${dates.to}`
                          : '',
                      ]
                        .filter(Boolean)
                        .join('\n')}
                      onClick={() => onPick({ kind: 'cell', from, to: b.index })}
                    >
                      <strong>{formatCount(cell.count)}</strong>
                      {cell.shareOfFrom !== null && (
                        <span className="muted small"> {formatShare(cell.shareOfFrom)}</span>
                      )}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
