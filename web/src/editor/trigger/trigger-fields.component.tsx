import type { GroupBucket } from '@switchyard/contracts';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../app/api';
import { Link } from '../../app/link.component';
import { loadGroupCounts } from '../store/editor.actions';
import { useReferencesStore } from '../store/references.store';
import { DEFAULT_SCHEDULE_TIME, WEEKDAYS, withCount } from './trigger-config';

type Config = Record<string, unknown>;
type Errors = Record<string, string>;

function FieldShell(props: {
  id: string;
  label: string;
  error?: string | undefined;
  children: React.ReactNode;
  hint?: React.ReactNode;
}) {
  return (
    <div className={`field${props.error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={props.id}>
        {props.label}
        <span className="required-marker"> *</span>
      </label>
      {props.children}
      {props.hint}
      {props.error && (
        <p className="field__error" data-testid={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A segment, with its member count. */
export function SegmentSelect(props: {
  value: string;
  error?: string | undefined;
  onChange: (segmentId: string) => void;
}) {
  const segments = useReferencesStore((s) => s.segments);
  return (
    <FieldShell
      id="trigger-segment"
      label="Segment"
      error={props.error}
      hint={
        segments.size === 0 && (
          <p className="field__description">
            No segments yet. <Link to={{ page: 'segment-new' }}>Create one</Link> first.
          </p>
        )
      }
    >
      <select
        id="trigger-segment"
        data-testid="trigger-segment"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">Choose a segment…</option>
        {props.value && !segments.has(props.value) && (
          <option value={props.value}>Deleted segment ({props.value})</option>
        )}
        {[...segments.values()].map((segment) => (
          <option key={segment.id} value={segment.id}>
            {withCount(segment.name, segment.memberCount)}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** An audience, with its size. */
export function AudienceSelect(props: {
  id?: string;
  value: string;
  error?: string | undefined;
  onChange: (audienceId: string) => void;
}) {
  const audiences = useReferencesStore((s) => s.audiences);
  const id = props.id ?? 'trigger-audience';
  return (
    <FieldShell id={id} label="Audience" error={props.error}>
      <select
        id={id}
        data-testid={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">Choose an audience…</option>
        {props.value && !audiences.some((a) => a.id === props.value) && (
          <option value={props.value}>Deleted audience ({props.value})</option>
        )}
        {audiences.map((audience) => (
          <option key={audience.id} value={audience.id}>
            {withCount(audience.name, audience.size)}
          </option>
        ))}
      </select>
      {audiences.length === 0 && <p className="field__description">No audiences yet.</p>}
    </FieldShell>
  );
}

const bucketList = (value: unknown): GroupBucket[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** A segment group, then which of its groups the customer moves from and into. */
export function GroupMovedFields(props: {
  config: Config;
  errors: Errors;
  onChange: (config: Config) => void;
}) {
  const { config, errors, onChange } = props;
  const groupId = typeof config['groupId'] === 'string' ? config['groupId'] : '';
  const { groups, counts } = useReferencesStore(
    useShallow((s) => ({ groups: s.groups, counts: s.groupCounts[groupId] })),
  );
  useEffect(() => {
    if (groupId) void loadGroupCounts(api, groupId);
  }, [groupId]);
  const group = groups.find((g) => g.id === groupId);
  const from = bucketList(config['from']);
  const to = bucketList(config['to']);
  const toggle = (key: 'from' | 'to', list: GroupBucket[], bucket: GroupBucket) =>
    onChange({
      ...config,
      [key]: list.includes(bucket) ? list.filter((b) => b !== bucket) : [...list, bucket],
    });

  return (
    <>
      <FieldShell id="trigger-group" label="Segment group" error={errors['groupId']}>
        <select
          id="trigger-group"
          data-testid="trigger-group"
          value={groupId}
          onChange={(e) =>
            onChange({ kind: 'group_moved', groupId: e.target.value, from: [], to: [] })
          }
        >
          <option value="">Choose a segment group…</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        {groups.length === 0 && (
          <p className="field__description">
            No segment groups yet. <Link to={{ page: 'group-new' }}>Create one</Link>.
          </p>
        )}
      </FieldShell>
      {group && (
        <div className="bucket-picker" data-testid="trigger-buckets">
          <div className="bucket-picker__row bucket-picker__row--head">
            <span>Group</span>
            <span className="bucket-picker__count">Members</span>
            <span>From</span>
            <span>Into</span>
          </div>
          {group.buckets.map((bucket) => {
            const value: GroupBucket = bucket.segmentId ?? 'fallback';
            const count = counts?.byBucket[value];
            return (
              <div className="bucket-picker__row" key={value}>
                <span className="bucket-picker__label">
                  <span className="bucket-picker__dot" style={{ background: bucket.color }} />
                  {bucket.label}
                </span>
                <span className="bucket-picker__count">
                  {count === undefined ? '—' : count.toLocaleString()}
                </span>
                <input
                  type="checkbox"
                  aria-label={`from ${bucket.label}`}
                  data-testid={`trigger-from-${value}`}
                  checked={from.includes(value)}
                  onChange={() => toggle('from', from, value)}
                />
                <input
                  type="checkbox"
                  aria-label={`into ${bucket.label}`}
                  data-testid={`trigger-to-${value}`}
                  checked={to.includes(value)}
                  onChange={() => toggle('to', to, value)}
                />
              </div>
            );
          })}
          <p className="field__description">
            No “From” ticked means from anywhere, including customers seen for the first time.
            {counts === null && ' Counts appear once the group has been evaluated.'}
            {counts?.stale && ' Counts are from before the group last changed.'}
          </p>
          {errors['to'] && (
            <p className="field__error" data-testid="trigger-to-error">
              {errors['to']}
            </p>
          )}
        </div>
      )}
    </>
  );
}

type Frequency = 'daily' | 'weekly' | 'monthly';

/** daily / weekly (day of week) / monthly (day 1..28), at a time of day. */
export function ScheduleFields(props: {
  schedule: Config;
  errors: Errors;
  onChange: (schedule: Config) => void;
}) {
  const { schedule, errors, onChange } = props;
  const frequency = (schedule['frequency'] as Frequency | undefined) ?? 'daily';
  const time = typeof schedule['time'] === 'string' ? schedule['time'] : DEFAULT_SCHEDULE_TIME;
  const setFrequency = (next: Frequency) => {
    switch (next) {
      case 'daily':
        return onChange({ frequency: next, time });
      case 'weekly':
        return onChange({ frequency: next, time, dayOfWeek: 1 });
      case 'monthly':
        return onChange({ frequency: next, time, dayOfMonth: 1 });
      default: {
        const never: never = next;
        throw new Error(`unknown frequency ${String(never)}`);
      }
    }
  };
  return (
    <div className="field-row">
      <FieldShell id="trigger-frequency" label="Repeat">
        <select
          id="trigger-frequency"
          data-testid="trigger-frequency"
          value={frequency}
          onChange={(e) => setFrequency(e.target.value as Frequency)}
        >
          <option value="daily">Every day</option>
          <option value="weekly">Every week</option>
          <option value="monthly">Every month</option>
        </select>
      </FieldShell>
      {frequency === 'weekly' && (
        <FieldShell id="trigger-weekday" label="On">
          <select
            id="trigger-weekday"
            data-testid="trigger-weekday"
            value={String(schedule['dayOfWeek'] ?? 1)}
            onChange={(e) => onChange({ ...schedule, dayOfWeek: Number(e.target.value) })}
          >
            {WEEKDAYS.map((day, i) => (
              <option key={day} value={i}>
                {day}
              </option>
            ))}
          </select>
        </FieldShell>
      )}
      {frequency === 'monthly' && (
        <FieldShell id="trigger-monthday" label="On day" error={errors['schedule.dayOfMonth']}>
          <select
            id="trigger-monthday"
            data-testid="trigger-monthday"
            value={String(schedule['dayOfMonth'] ?? 1)}
            onChange={(e) => onChange({ ...schedule, dayOfMonth: Number(e.target.value) })}
          >
            {Array.from({ length: 28 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </FieldShell>
      )}
      <FieldShell id="trigger-time" label="At" error={errors['schedule.time']}>
        <input
          id="trigger-time"
          data-testid="trigger-time"
          type="time"
          value={time}
          onChange={(e) => onChange({ ...schedule, time: e.target.value })}
        />
      </FieldShell>
    </div>
  );
}
