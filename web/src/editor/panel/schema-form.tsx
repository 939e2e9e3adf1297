import { useMemo } from 'react';
import {
  deriveFields,
  fieldKey,
  getAtPath,
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
}

/**
 * Renders any node's settings from its JSON Schema: the one form every node type uses,
 * so a new node type needs no web change.
 */
export function SchemaForm({ schema, value, onChange, errors }: SchemaFormProps) {
  const fields = useMemo(() => deriveFields(schema), [schema]);
  if (fields.length === 0) return <p className="muted">This step has no settings.</p>;
  return (
    <div className="schema-form">
      <FieldList fields={fields} value={value} onChange={onChange} errors={errors} />
    </div>
  );
}

interface FieldListProps {
  fields: readonly FormField[];
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  errors: Record<string, string>;
}

export function FieldList({ fields, value, onChange, errors }: FieldListProps) {
  return (
    <>
      {fields.map((field) =>
        field.kind === 'object' ? (
          <fieldset
            key={fieldKey(field)}
            className="schema-form__group"
            data-testid={`field-${fieldKey(field)}`}
          >
            <legend>
              {field.label}
              {field.required && <span className="required-marker"> *</span>}
            </legend>
            {field.description && <p className="field__description">{field.description}</p>}
            <FieldList fields={field.fields} value={value} onChange={onChange} errors={errors} />
          </fieldset>
        ) : (
          <SchemaField
            key={fieldKey(field)}
            field={field}
            value={getAtPath(value, field.path)}
            error={errors[fieldKey(field)]}
            onChange={(next) => onChange(setAtPath(value, field.path, next))}
          />
        ),
      )}
    </>
  );
}
