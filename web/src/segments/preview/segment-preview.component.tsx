import { Link } from '../../app/link.component';
import { customerName } from '../../customers/customer-name';
import { formatCount, formatDate } from '../../shared/format';
import type { PreviewState } from './preview-scheduler';

interface Props {
  preview: PreviewState;
  onRefresh: () => void;
}

/** The live count of the rule being built, with a few matching customers. */
export function SegmentPreviewPanel({ preview, onRefresh }: Props) {
  const shown =
    preview.state === 'done'
      ? preview.preview
      : preview.state === 'counting'
        ? preview.previous
        : null;
  return (
    <aside className="preview" data-testid="segment-preview-panel" data-state={preview.state}>
      <div className="preview__head">
        <h2 className="section-title">Matching customers</h2>
        <button
          type="button"
          className="link-button small"
          data-testid="segment-preview"
          onClick={onRefresh}
          title="Count again now"
        >
          ↻ Refresh
        </button>
      </div>
      {shown && (
        <div
          className={`preview__result${preview.state === 'counting' ? ' preview__result--stale' : ''}`}
          data-testid={preview.state === 'done' ? 'segment-preview-result' : undefined}
        >
          <p className="preview__count">
            {shown.estimated && <span title="Estimated from a random sample of customers">≈ </span>}
            <strong data-testid={preview.state === 'done' ? 'segment-preview-count' : undefined}>
              {formatCount(shown.count)}
            </strong>{' '}
            {shown.count === 1 ? 'customer matches' : 'customers match'}
          </p>
          <p className="muted small">
            as of {formatDate(shown.asOf)}
            {shown.estimated && (
              <span data-testid="segment-preview-estimated">
                {' '}
                · estimated from a sample (± {formatCount(shown.margin ?? 0)}); saving counts
                exactly
              </span>
            )}
          </p>
          {shown.sample.length > 0 && (
            <ul className="preview__sample" data-testid="segment-preview-sample">
              {shown.sample.map((customer) => (
                <li key={customer.id}>
                  <Link to={{ page: 'customer', customerId: customer.id }}>
                    {customerName(customer.traits) ?? customer.externalId}
                  </Link>
                  <span className="muted small"> {customer.externalId}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <PreviewStatus preview={preview} />
    </aside>
  );
}

function PreviewStatus({ preview }: { preview: PreviewState }) {
  switch (preview.state) {
    case 'idle':
    case 'done':
      return null;
    case 'counting':
      return (
        <p className="muted preview__status" data-testid="segment-preview-counting" role="status">
          Counting…
        </p>
      );
    case 'blocked':
      return (
        <p className="muted preview__status" data-testid="segment-preview-blocked">
          Finish the conditions to see how many customers match: {preview.reason}
        </p>
      );
    case 'error':
      return (
        <p className="field__error" data-testid="segment-preview-error" role="alert">
          Could not count: {preview.message}
        </p>
      );
    default: {
      const never: never = preview;
      throw new Error(`unknown preview ${JSON.stringify(never)}`);
    }
  }
}
