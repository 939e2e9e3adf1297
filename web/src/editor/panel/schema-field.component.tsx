import type { Rule } from '@switchyard/contracts';
import { useEffect, useState, type ReactNode } from 'react';
import { FiltersField } from '../forms/filters-field.component';
import { RuleField } from '../forms/rule-field.component';
import { useReferencesStore } from '../store/references.store';
import { withCount } from '../trigger/trigger-config';
import { fieldKey, type EnumValue, type FormField, type ReferenceKind } from './schema-fields';

type LeafField = Exclude<FormField, { kind: 'object' | 'array' }>;

interface SchemaFieldProps {
  /** Input id and test id; `field-<path>` by default. */
  id?: string;
  /** The object holding this field (filters read the sibling `event`). */
  siblings?: Record<string, unknown>;
  field: LeafField;
  value: unknown;
  error: string | undefined;
  /** `undefined` removes the key, so the node's default applies. */
  onChange: (value: unknown) => void;
}

function defaultHint(field: LeafField): string | null {
  if (field.defaultValue === undefined) return null;
  return `Default: ${typeof field.defaultValue === 'string' ? field.defaultValue : JSON.stringify(field.defaultValue)}`;
}

/** One labelled input for one schema field. */
export function SchemaField(props: SchemaFieldProps) {
  const { id: givenId, field, value, error, onChange, siblings } = props;
  const id = givenId ?? `field-${fieldKey(field)}`;
  if (field.kind === 'filters')
    return (
      <FiltersField
        id={id}
        label={field.label}
        description={field.description}
        event={typeof siblings?.['event'] === 'string' ? siblings['event'] : ''}
        value={value}
        error={error}
        onChange={onChange}
      />
    );
  if (field.kind === 'rule')
    return (
      <RuleField
        id={id}
        label={field.label}
        owner={typeof siblings?.['label'] === 'string' ? siblings['label'] : undefined}
        value={value}
        error={error}
        onChange={(rule: Rule | undefined) => onChange(rule)}
      />
    );
  const hint = defaultHint(field);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {field.label}
        {field.required && (
          <span className="required-marker" title="required">
            {' '}
            *
          </span>
        )}
      </label>
      {renderInput(field, id, value, onChange)}
      {field.description && <p className="field__description">{field.description}</p>}
      {hint && field.kind !== 'boolean' && <p className="field__hint">{hint}</p>}
      {error && (
        <p className="field__error" role="alert" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function renderInput(
  field: LeafField,
  id: string,
  value: unknown,
  onChange: (v: unknown) => void,
): ReactNode {
  switch (field.kind) {
    case 'text': {
      const text = typeof value === 'string' ? value : '';
      const placeholder = typeof field.defaultValue === 'string' ? field.defaultValue : undefined;
      const change = (next: string) => onChange(next === '' && !field.required ? undefined : next);
      return field.multiline ? (
        <textarea
          id={id}
          data-testid={id}
          rows={8}
          value={text}
          placeholder={placeholder}
          onChange={(e) => change(e.target.value)}
        />
      ) : (
        <input
          id={id}
          data-testid={id}
          type="text"
          value={text}
          placeholder={placeholder}
          maxLength={field.maxLength}
          onChange={(e) => change(e.target.value)}
        />
      );
    }
    case 'number':
      return (
        <NumberInput
          id={id}
          field={field}
          value={typeof value === 'number' ? value : undefined}
          onChange={onChange}
        />
      );
    case 'boolean': {
      const checked = typeof value === 'boolean' ? value : field.defaultValue === true;
      return (
        <input
          id={id}
          data-testid={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    }
    case 'enum':
      return (
        <EnumSelect
          id={id}
          options={field.options}
          value={value}
          defaultValue={field.defaultValue}
          onChange={onChange}
        />
      );
    case 'json':
      return <JsonInput id={id} value={value} onChange={onChange} />;
    case 'reference':
      return <ReferenceSelect id={id} kind={field.ref} value={value} onChange={onChange} />;
    case 'choices':
      // Unset, the setting takes its default: show that (every weekday ticked), not none.
      return (
        <Choices
          id={id}
          options={field.options}
          value={value ?? field.defaultValue}
          onChange={onChange}
        />
      );
    case 'rule':
    case 'filters':
      return null;
    default: {
      const never: never = field;
      throw new Error(`unhandled field ${JSON.stringify(never)}`);
    }
  }
}

/** A set of fixed values as checkboxes (e.g. weekdays), kept in the options' order. */
function Choices(props: {
  id: string;
  options: { value: EnumValue; label: string }[];
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const { id, options, value, onChange } = props;
  const chosen = Array.isArray(value) ? value : [];
  const toggle = (option: EnumValue) => {
    const on = chosen.includes(option);
    const next = options
      .map((o) => o.value)
      .filter((v) => (v === option ? !on : chosen.includes(v)));
    onChange(next);
  };
  return (
    <div className="choices" id={id} data-testid={id}>
      {options.map((option) => (
        <label key={String(option.value)} className="choices__item">
          <input
            type="checkbox"
            data-testid={`${id}-${String(option.value)}`}
            checked={chosen.includes(option.value)}
            onChange={() => toggle(option.value)}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}

/** What an empty reference picker says: a topic is optional, the others are not. */
const REFERENCE_CHOICE: Record<ReferenceKind, string> = {
  audience: 'Choose an audience…',
  segment: 'Choose a segment…',
  topic: 'No topic (only unsubscribing from all e-mail stops it)',
};
const REFERENCE_NOUN: Record<ReferenceKind, string> = {
  audience: 'audience',
  segment: 'segment',
  topic: 'topic',
};

/** An audience, segment or subscription topic of the workspace, with its size. */
function ReferenceSelect(props: {
  id: string;
  kind: ReferenceKind;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const { id, kind, value, onChange } = props;
  const audiences = useReferencesStore((s) => s.audiences);
  const segments = useReferencesStore((s) => s.segments);
  const topics = useReferencesStore((s) => s.topics);
  const options = ((): { id: string; text: string }[] => {
    switch (kind) {
      case 'audience':
        return audiences.map((a) => ({ id: a.id, text: withCount(a.name, a.size) }));
      case 'segment':
        return [...segments.values()].map((s) => ({
          id: s.id,
          text: withCount(s.name, s.memberCount),
        }));
      case 'topic':
        return topics.map((t) => ({
          id: t.id,
          text: t.unsubscribed > 0 ? `${t.name} (${t.unsubscribed.toLocaleString()} left)` : t.name,
        }));
      default: {
        const never: never = kind;
        throw new Error(`unknown reference ${String(never)}`);
      }
    }
  })();
  const current = typeof value === 'string' ? value : '';
  return (
    <select
      id={id}
      data-testid={id}
      value={current}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      <option value="">{REFERENCE_CHOICE[kind]}</option>
      {current && !options.some((o) => o.id === current) && (
        <option value={current}>
          Deleted {REFERENCE_NOUN[kind]} ({current})
        </option>
      )}
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.text}
        </option>
      ))}
    </select>
  );
}

/** Keeps the typed text while it is not yet a number ("1.", "-"). */
function NumberInput(props: {
  id: string;
  field: Extract<FormField, { kind: 'number' }>;
  value: number | undefined;
  onChange: (v: unknown) => void;
}) {
  const { id, field, value, onChange } = props;
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    setDraft((current) =>
      Number(current) === value && current !== ''
        ? current
        : value === undefined
          ? ''
          : String(value),
    );
  }, [value]);
  const change = (text: string) => {
    setDraft(text);
    if (text.trim() === '') return onChange(undefined);
    const n = Number(text);
    if (Number.isFinite(n)) onChange(n);
  };
  const placeholder =
    typeof field.defaultValue === 'number' ? String(field.defaultValue) : undefined;
  return (
    <input
      id={id}
      data-testid={id}
      type="number"
      value={draft}
      min={field.minimum}
      max={field.maximum}
      step={field.integer ? 1 : 'any'}
      placeholder={placeholder}
      onChange={(e) => change(e.target.value)}
    />
  );
}

function EnumSelect(props: {
  id: string;
  options: readonly EnumValue[];
  value: unknown;
  defaultValue: unknown;
  onChange: (v: unknown) => void;
}) {
  const { id, options, value, defaultValue, onChange } = props;
  const index = options.findIndex((o) => o === value);
  const emptyLabel = defaultValue === undefined ? 'Choose…' : `Default (${String(defaultValue)})`;
  return (
    <select
      id={id}
      data-testid={id}
      value={index === -1 ? '' : String(index)}
      onChange={(e) =>
        onChange(e.target.value === '' ? undefined : options[Number(e.target.value)])
      }
    >
      <option value="">{emptyLabel}</option>
      {options.map((option, i) => (
        <option key={String(i)} value={String(i)}>
          {option === null ? '(none)' : String(option)}
        </option>
      ))}
    </select>
  );
}

/** Arrays and other shapes the form has no widget for: edited as JSON. */
function JsonInput(props: { id: string; value: unknown; onChange: (v: unknown) => void }) {
  const { id, value, onChange } = props;
  const [draft, setDraft] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [invalid, setInvalid] = useState(false);
  const change = (text: string) => {
    setDraft(text);
    if (text.trim() === '') {
      setInvalid(false);
      return onChange(undefined);
    }
    try {
      onChange(JSON.parse(text));
      setInvalid(false);
    } catch {
      setInvalid(true);
    }
  };
  return (
    <>
      <textarea
        id={id}
        data-testid={id}
        className="mono"
        rows={4}
        value={draft}
        onChange={(e) => change(e.target.value)}
      />
      {invalid && <p className="field__error">not valid JSON yet</p>}
    </>
  );
}
