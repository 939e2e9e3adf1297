import type { PropertyFilter, TriggerKind } from '@switchyard/contracts';
import { useMemo, useRef } from 'react';
import { EventWhere } from '../forms/event-where.component';
import { useEditorStore } from '../store/editor.store';
import { useReferencesStore } from '../store/references.store';
import {
  AudienceSelect,
  GroupMovedFields,
  ScheduleFields,
  SegmentSelect,
} from './trigger-fields.component';
import {
  isTriggerKind,
  remember,
  switchKind,
  TRIGGER_KIND_LABELS,
  TRIGGER_KINDS,
  triggerErrors,
} from './trigger-config';

type Config = Record<string, unknown>;

/** What starts the journey (triggerSchema): the six kinds, each with its own fields. */
export function TriggerPicker({ nodeId, config }: { nodeId: string; config: Config }) {
  const updateConfig = useEditorStore((s) => s.updateConfig);
  const timezone = useReferencesStore((s) => s.workspace?.timezone);
  const errors = useMemo(
    () => Object.fromEntries(triggerErrors(config).map((e) => [e.path, e.message])),
    [config],
  );
  const kind = isTriggerKind(config['kind']) ? config['kind'] : null;
  const memory = useRef(remember({}, config));
  memory.current = remember(memory.current, config);
  const change = (next: Config) => updateConfig(nodeId, next);
  const text = (key: string) => (typeof config[key] === 'string' ? (config[key] as string) : '');
  const setText = (key: string, value: string) => {
    const next = { ...config };
    if (value) next[key] = value;
    else delete next[key];
    change(next);
  };

  const fields = (k: TriggerKind) => {
    switch (k) {
      case 'segment_entered':
      case 'segment_exited':
        return (
          <SegmentSelect
            value={text('segmentId')}
            error={errors['segmentId']}
            onChange={(id) => setText('segmentId', id)}
          />
        );
      case 'group_moved':
        return <GroupMovedFields config={config} errors={errors} onChange={change} />;
      case 'event':
        return (
          <div className="field">
            <span className="field__label">
              Event<span className="required-marker"> *</span>
            </span>
            <EventWhere
              testId="trigger-event"
              value={{
                event: text('event'),
                ...(Array.isArray(config['where'])
                  ? { where: config['where'] as PropertyFilter[] }
                  : {}),
              }}
              eventError={errors['event']}
              onChange={(value) => change({ kind: 'event', ...value })}
            />
          </div>
        );
      case 'audience_broadcast':
        return (
          <AudienceSelect
            value={text('audienceId')}
            error={errors['audienceId']}
            onChange={(id) => setText('audienceId', id)}
          />
        );
      case 'schedule':
        return (
          <>
            <SegmentSelect
              value={text('segmentId')}
              error={errors['segmentId']}
              onChange={(id) => setText('segmentId', id)}
            />
            <ScheduleFields
              schedule={(config['schedule'] as Config | undefined) ?? {}}
              errors={errors}
              onChange={(schedule) => change({ ...config, schedule })}
            />
            {timezone && (
              <p className="field__description">Times are in the workspace’s zone, {timezone}.</p>
            )}
          </>
        );
      default: {
        const never: never = k;
        throw new Error(`unknown trigger kind ${String(never)}`);
      }
    }
  };

  return (
    <div className="schema-form" data-testid="trigger-picker">
      <div className={`field${errors['kind'] ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor="trigger-kind">
          Start when a customer…<span className="required-marker"> *</span>
        </label>
        <select
          id="trigger-kind"
          data-testid="trigger-kind"
          value={kind ?? ''}
          onChange={(e) =>
            isTriggerKind(e.target.value) &&
            change(switchKind(config, e.target.value, memory.current))
          }
        >
          {!kind && <option value="">Choose…</option>}
          {TRIGGER_KINDS.map((k) => (
            <option key={k} value={k}>
              {TRIGGER_KIND_LABELS[k].label}
            </option>
          ))}
        </select>
        {kind && <p className="field__description">{TRIGGER_KIND_LABELS[kind].hint}</p>}
        {errors['kind'] && <p className="field__error">{errors['kind']}</p>}
      </div>
      {kind && fields(kind)}
    </div>
  );
}
