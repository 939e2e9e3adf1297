import type { ReactNode } from 'react';
import { Link } from '../app/link.component';
import { BuilderContext } from './builder/builder.context';
import { RuleBuilder } from './builder/rule-builder.component';
import { SegmentPreviewPanel } from './preview/segment-preview.component';
import { SEGMENT_SWATCHES } from './segment-colors';
import { SegmentChip } from './segment-chip.component';
import type { SegmentForm } from './use-segment-form.hook';
import { useCan } from '../auth/use-can.hook';

interface Props {
  title: string;
  f: SegmentForm;
  /** Extra header actions (e.g. delete). */
  actions?: ReactNode;
}

/** Name, colour, conditions and the live count of a segment, new or existing. */
export function SegmentEditor({ title, f, actions }: Props) {
  const canEdit = useCan('marketer');
  return (
    <div className="page page--wide">
      <header className="page__header">
        <div>
          <Link to={{ page: 'segments' }} className="muted small">
            ← Segments
          </Link>
          <h1 className="page__title-with-chip">
            {title} <SegmentChip name={f.name.trim() || 'Segment name'} color={f.color} />
          </h1>
        </div>
        {actions}
      </header>
      <form
        className="segment-layout"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void f.save();
        }}
      >
        <div className="card segment-form">
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
              <span className="field__label">Colour (shown next to customers’ names)</span>
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
          <BuilderContext.Provider value={{ segmentId: f.segmentId }}>
            <RuleBuilder form={f.form} errors={f.errors.rule} onChange={f.setForm} />
          </BuilderContext.Provider>
          {f.saveError && (
            <p className="banner banner--error" role="alert" data-testid="segment-save-error">
              {f.saveError}
            </p>
          )}
          <div className="form-actions">
            <Link to={{ page: 'segments' }} className="button button--ghost">
              Cancel
            </Link>
            {canEdit && (
              <button
                type="submit"
                className="button button--primary"
                data-testid="segment-save"
                disabled={f.saving}
              >
                {f.saving ? 'Saving…' : 'Save segment'}
              </button>
            )}
          </div>
        </div>
        <SegmentPreviewPanel preview={f.preview} onRefresh={f.refreshPreview} />
      </form>
    </div>
  );
}
