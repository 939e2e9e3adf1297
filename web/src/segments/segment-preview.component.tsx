import { formatCount, formatDate } from '../shared/format';
import type { PreviewState } from './use-segment-form.hook';

/** How many customers match right now, with a few of their ids. */
export function SegmentPreviewResult({ preview }: { preview: PreviewState }) {
  switch (preview.state) {
    case 'idle':
      return <p className="muted">Preview to see how many customers match.</p>;
    case 'loading':
      return <p className="muted">Counting…</p>;
    case 'error':
      return (
        <p className="field__error" data-testid="segment-preview-error">
          {preview.message}
        </p>
      );
    case 'done':
      return (
        <div className="preview" data-testid="segment-preview-result">
          <p className="preview__count">
            <strong data-testid="segment-preview-count">
              {formatCount(preview.preview.count)}
            </strong>{' '}
            customers match
            <span className="muted small"> as of {formatDate(preview.preview.asOf)}</span>
          </p>
          {preview.preview.sample.length > 0 && (
            <ul className="preview__sample" data-testid="segment-preview-sample">
              {preview.preview.sample.map((customer) => (
                <li key={customer.id}>{customer.externalId}</li>
              ))}
            </ul>
          )}
        </div>
      );
    default: {
      const never: never = preview;
      throw new Error(`unknown preview ${JSON.stringify(never)}`);
    }
  }
}
