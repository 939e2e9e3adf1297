import type { TriggerKind } from '@switchyard/contracts';
import { useMemo } from 'react';
import { Link } from '../../app/link.component';
import { triggerErrors } from '../store/graph-issues';
import { useEditorStore } from '../store/editor.store';

const KIND_LABELS: Record<TriggerKind, string> = {
  segment_entered: 'A customer enters a segment',
  segment_exited: 'A customer leaves a segment',
};
const KINDS = Object.keys(KIND_LABELS) as TriggerKind[];

/** The trigger's settings (triggerSchema): what transition starts the journey. */
export function TriggerForm({
  nodeId,
  config,
}: {
  nodeId: string;
  config: Record<string, unknown>;
}) {
  const segments = useEditorStore((s) => s.segments);
  const updateConfig = useEditorStore((s) => s.updateConfig);
  const errors = useMemo(
    () => Object.fromEntries(triggerErrors(config).map((e) => [e.path, e.message])),
    [config],
  );
  const kind = typeof config['kind'] === 'string' ? config['kind'] : '';
  const segmentId = typeof config['segmentId'] === 'string' ? config['segmentId'] : '';
  const set = (key: string, value: string) => {
    const next = { ...config };
    if (value) next[key] = value;
    else delete next[key];
    updateConfig(nodeId, next);
  };

  return (
    <div className="schema-form">
      <div className={`field${errors['kind'] ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor="trigger-kind">
          Start when<span className="required-marker"> *</span>
        </label>
        <select
          id="trigger-kind"
          data-testid="trigger-kind"
          value={kind}
          onChange={(e) => set('kind', e.target.value)}
        >
          {!KINDS.includes(kind as TriggerKind) && <option value="">Choose…</option>}
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        {errors['kind'] && <p className="field__error">{errors['kind']}</p>}
      </div>
      <div className={`field${errors['segmentId'] ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor="trigger-segment">
          Segment<span className="required-marker"> *</span>
        </label>
        <select
          id="trigger-segment"
          data-testid="trigger-segment"
          value={segmentId}
          onChange={(e) => set('segmentId', e.target.value)}
        >
          <option value="">Choose a segment…</option>
          {segmentId && !segments.has(segmentId) && (
            <option value={segmentId}>Unknown segment ({segmentId})</option>
          )}
          {[...segments.values()].map((segment) => (
            <option key={segment.id} value={segment.id}>
              {segment.name}
            </option>
          ))}
        </select>
        {errors['segmentId'] && (
          <p className="field__error" data-testid="trigger-segment-error">
            {errors['segmentId']}
          </p>
        )}
        {segments.size === 0 && (
          <p className="field__description">
            No segments yet. <Link to={{ page: 'segment-new' }}>Create one</Link> first.
          </p>
        )}
      </div>
    </div>
  );
}
