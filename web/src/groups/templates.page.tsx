import type { SegmentTemplateView, TemplateKey } from '@switchyard/contracts';
import { useState } from 'react';
import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { Link } from '../app/link.component';
import { navigate } from '../app/router';
import { SegmentChip } from '../segments/segment-chip.component';
import { useResource } from '../shared/use-resource.hook';
import { useCan } from '../auth/use-can.hook';

/** Built-in templates: segments and groups installed with one click, editable afterwards. */
export function TemplatesPage() {
  const [templates, reload] = useResource(() => api.templates.list(), []);
  const [installing, setInstalling] = useState<TemplateKey | null>(null);
  const [error, setError] = useState<string | null>(null);

  const install = async (key: TemplateKey) => {
    setInstalling(key);
    setError(null);
    try {
      const result = await api.templates.install(key);
      const group = result.groups[0];
      navigate(group ? { page: 'group-edit', groupId: group.id } : { page: 'segments' });
    } catch (e) {
      setInstalling(null);
      setError(describeError(e));
    }
  };

  return (
    <div className="page page--wide">
      <header className="page__header">
        <div>
          <Link to={{ page: 'groups' }} className="muted small">
            ← Segment groups
          </Link>
          <h1>Templates</h1>
          <p className="muted">
            Installing creates the segments and the group; edit them afterwards like any other.
          </p>
        </div>
      </header>
      {error && (
        <p className="banner banner--error" role="alert" data-testid="template-install-error">
          Could not install: {error}
        </p>
      )}
      {templates.state === 'loading' && <p className="muted">Loading…</p>}
      {templates.state === 'error' && (
        <p className="banner banner--error" role="alert">
          Could not load templates: {describeError(templates.error)}{' '}
          <button type="button" className="link-button" onClick={reload}>
            Retry
          </button>
        </p>
      )}
      {templates.state === 'ready' && (
        <ul className="template-grid" data-testid="template-gallery">
          {templates.data.map((template) => (
            <TemplateCard
              key={template.key}
              template={template}
              busy={installing !== null}
              installing={installing === template.key}
              onInstall={() => void install(template.key)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function TemplateCard({
  template,
  busy,
  installing,
  onInstall,
}: {
  template: SegmentTemplateView;
  busy: boolean;
  installing: boolean;
  onInstall: () => void;
}) {
  const canEdit = useCan('marketer');
  const { traits, events } = template.requires;
  return (
    <li className="card template-card" data-testid={`template-${template.key}`}>
      <h2>{template.name}</h2>
      <p className="muted">{template.description}</p>
      <div className="template-card__chips">
        {template.segments.map((s) => (
          <SegmentChip key={s.key} name={s.name} color={s.color} />
        ))}
      </div>
      {(traits.length > 0 || events.length > 0) && (
        <div className="template-card__needs small">
          <span className="muted">Reads: </span>
          {[
            ...events.map((e) => `event “${e.name}”`),
            ...traits.map((t) => `trait “${t.name}” (${t.type})`),
          ].join(', ')}
        </div>
      )}
      <div className="template-card__footer">
        <span className="muted small">
          {template.segments.length} segments
          {template.groups.length > 0 ? ` · ${template.groups.length} group` : ''}
        </span>
        {canEdit && (
          <button
            type="button"
            className="button button--primary"
            data-testid={`template-install-${template.key}`}
            disabled={busy}
            onClick={onInstall}
          >
            {installing ? 'Installing…' : 'Install'}
          </button>
        )}
      </div>
    </li>
  );
}
