import { useMemo } from 'react';
import type { OutputsRule } from '@switchyard/contracts';
import { ArrayItemHeader } from './array-item-header.component';
import { newArrayItem, sharesTotal } from './array-items';
import {
  deriveFields,
  fieldKey,
  getAtPath,
  isShown,
  setAtPath,
  type FormField,
  type JsonSchema,
} from './schema-fields';
import { SchemaField } from './schema-field.component';

interface SchemaFormProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  /** Errors by dotted path (see validateConfig). */
  errors: Record<string, string>;
  /** For nodes whose outputs come from a list: which list, and its key and share fields. */
  outputsRule?: OutputsRule | undefined;
}

/**
 * Renders any node's settings from its JSON Schema: the one form every node type uses,
 * so a new node type needs no web change.
 */
export function SchemaForm({ schema, value, onChange, errors, outputsRule }: SchemaFormProps) {
  const fields = useMemo(() => deriveFields(schema), [schema]);
  if (fields.length === 0) return <p className="muted">This step has no settings.</p>;
  return (
    <div className="schema-form">
      <FieldList
        fields={fields}
        value={value}
        onChange={onChange}
        errors={errors}
        outputsRule={outputsRule}
        root={value}
        idPrefix=""
      />
    </div>
  );
}

interface FieldListProps {
  fields: readonly FormField[];
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  errors: Record<string, string>;
  outputsRule?: OutputsRule | undefined;
  /** The whole config (array items read sibling settings such as a holdout share). */
  root: Record<string, unknown>;
  /** Prefix of input ids and test ids inside array items, e.g. `branches.0.`. */
  idPrefix: string;
}

export function FieldList(props: FieldListProps) {
  const { fields, value, onChange, errors, idPrefix } = props;
  return (
    <>
      {fields.map((field) => {
        if (!isShown(field, fields, value)) return null;
        const key = fieldKey(field);
        switch (field.kind) {
          case 'object':
            return (
              <fieldset
                key={key}
                className="schema-form__group"
                data-testid={`field-${idPrefix}${key}`}
              >
                <legend>
                  {field.label}
                  {field.required && <span className="required-marker"> *</span>}
                </legend>
                {field.description && <p className="field__description">{field.description}</p>}
                <FieldList {...props} fields={field.fields} />
              </fieldset>
            );
          case 'array':
            return (
              <ArrayField
                key={key}
                {...props}
                field={field}
                items={getAtPath(value, field.path)}
                onItems={(items) => onChange(setAtPath(value, field.path, items))}
              />
            );
          default:
            return (
              <SchemaField
                key={key}
                id={`field-${idPrefix}${key}`}
                siblings={value}
                field={field}
                value={getAtPath(value, field.path)}
                error={errors[key]}
                onChange={(next) => onChange(setAtPath(value, field.path, next))}
              />
            );
        }
      })}
    </>
  );
}

type ArrayFormField = Extract<FormField, { kind: 'array' }>;

/** A list of objects: one card per item, add / remove / reorder. */
function ArrayField(
  props: FieldListProps & {
    field: ArrayFormField;
    items: unknown;
    onItems: (items: Record<string, unknown>[]) => void;
  },
) {
  const { field, items: raw, onItems, errors, outputsRule, root, idPrefix } = props;
  const items = Array.isArray(raw)
    ? raw.map((i) => (typeof i === 'object' && i !== null ? (i as Record<string, unknown>) : {}))
    : [];
  const key = fieldKey(field);
  // The list that names a node's outputs: its key field is managed here, not typed.
  const outputs = outputsRule && outputsRule.from === key ? outputsRule : undefined;
  const keyProp = outputs ? (outputs.key ?? 'key') : undefined;
  const shown = field.item.filter((f) => f.name !== keyProp);
  const canAdd = field.maxItems === undefined || items.length < field.maxItems;
  const canRemove = items.length > (field.minItems ?? 0);
  const total = outputs ? sharesTotal(items, root, outputs) : null;
  const set = (index: number, item: Record<string, unknown>) =>
    onItems(items.map((current, i) => (i === index ? item : current)));
  const move = (from: number, to: number) => {
    const next = [...items];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    onItems(next);
  };

  return (
    <fieldset className="schema-form__group array-field" data-testid={`field-${idPrefix}${key}`}>
      <legend>
        {field.label}
        {field.required && <span className="required-marker"> *</span>}
      </legend>
      {field.description && <p className="field__description">{field.description}</p>}
      {errors[key] && <p className="field__error">{errors[key]}</p>}
      {items.map((item, index) => {
        const prefix = `${key}.${index}.`;
        const itemErrors: Record<string, string> = {};
        for (const [path, message] of Object.entries(errors))
          if (path.startsWith(prefix)) itemErrors[path.slice(prefix.length)] = message;
        return (
          <div
            key={index}
            className="array-field__item"
            data-testid={`field-${idPrefix}${key}-${index}`}
          >
            <ArrayItemHeader
              title={keyProp ? `Branch ${index + 1}` : `${field.label} ${index + 1}`}
              testId={`field-${idPrefix}${key}-${index}`}
              first={index === 0}
              last={index === items.length - 1}
              canRemove={canRemove}
              onMove={(delta) => move(index, index + delta)}
              onRemove={() => onItems(items.filter((_, i) => i !== index))}
            />
            <FieldList
              fields={shown}
              value={item}
              onChange={(next) => set(index, next)}
              errors={itemErrors}
              root={root}
              idPrefix={`${idPrefix}${prefix}`}
            />
          </div>
        );
      })}
      {total && (
        <p
          className={`array-field__total${total.ok ? '' : ' array-field__total--off'}`}
          data-testid={`field-${idPrefix}${key}-total`}
        >
          {total.text}
        </p>
      )}
      {canAdd && (
        <button
          type="button"
          className="link-button"
          data-testid={`field-${idPrefix}${key}-add`}
          onClick={() => onItems([...items, newArrayItem(field, items, keyProp)])}
        >
          + Add {keyProp ? 'branch' : field.label.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}
