import { navigate } from '../app/router';
import { Link } from '../app/link.component';
import { RuleBuilder } from './rule-builder.component';
import { SEGMENT_SWATCHES } from './segment-colors';
import { SegmentChip } from './segment-chip.component';
import { SegmentPreviewResult } from './segment-preview.component';
import { useSegmentForm } from './use-segment-form.hook';

/** The "New segment" form: name, colour, conditions, preview, save. */
export function SegmentNewPage() {
  const f = useSegmentForm(SEGMENT_SWATCHES[0], () => navigate({ page: 'segments' }));
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <Link to={{ page: 'segments' }} className="muted small">
            ← Segments
          </Link>
          <h1>New segment</h1>
        </div>
        <SegmentChip name={f.name.trim() || 'Segment name'} color={f.color} />
      </header>
      <form
        className="card segment-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void f.save();
        }}
      >
        <div className="segment-form__meta">
          <div className={`field${f.errors.name ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor="segment-name">
              Name<span className="required-marker"> *</span>
            </label>
            <input
              id="segment-name"
              data-testid="segment-name"
              type="text"
              value={f.name}
              placeholder="e.g. VIP"
              maxLength={120}
              onChange={(e) => f.setName(e.target.value)}
            />
            {f.errors.name && (
              <p className="field__error" data-testid="segment-name-error">
                {f.errors.name}
              </p>
            )}
          </div>
          <div className={`field${f.errors.color ? ' field--invalid' : ''}`}>
            <span className="field__label">Colour</span>
            <div className="swatches">
              {SEGMENT_SWATCHES.map((swatch) => (
                <button
                  key={swatch}
                  type="button"
                  className={`swatch${swatch === f.color ? ' swatch--on' : ''}`}
                  style={{ background: swatch }}
                  aria-label={`Colour ${swatch}`}
                  aria-pressed={swatch === f.color}
                  onClick={() => f.setColor(swatch)}
                />
              ))}
              <input
                type="color"
                data-testid="segment-color"
                value={f.color}
                onChange={(e) => f.setColor(e.target.value)}
                aria-label="Custom colour"
              />
            </div>
            {f.errors.color && <p className="field__error">{f.errors.color}</p>}
          </div>
        </div>
        <h2 className="section-title">Conditions</h2>
        <RuleBuilder form={f.form} errors={f.errors.rule} onChange={f.setForm} />
        <div className="segment-form__preview">
          <button
            type="button"
            className="button"
            data-testid="segment-preview"
            onClick={() => void f.runPreview()}
            disabled={f.preview.state === 'loading'}
          >
            Preview
          </button>
          <SegmentPreviewResult preview={f.preview} />
        </div>
        {f.saveError && (
          <p className="banner banner--error" role="alert" data-testid="segment-save-error">
            {f.saveError}
          </p>
        )}
        <div className="form-actions">
          <Link to={{ page: 'segments' }} className="button button--ghost">
            Cancel
          </Link>
          <button
            type="submit"
            className="button button--primary"
            data-testid="segment-save"
            disabled={f.saving}
          >
            {f.saving ? 'Saving…' : 'Save segment'}
          </button>
        </div>
      </form>
    </div>
  );
}
