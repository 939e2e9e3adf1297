import { type ConfigReferenceKind, humanize, isConfigReferenceKind } from '@switchyard/contracts';

/**
 * Turns a node's JSON Schema (as z.toJSONSchema emits it) into the fields the settings
 * form renders. Pure: the form component only maps these to inputs.
 */
export type JsonSchema = Record<string, unknown>;
export type EnumValue = string | number | boolean | null;

interface FieldBase {
  name: string;
  /** Keys from the config root, e.g. ['retry', 'attempts']. */
  path: string[];
  label: string;
  description?: string;
  required: boolean;
  defaultValue?: unknown;
  nullable: boolean;
  /** `x-show-when: {field, equals}`: shown only while that sibling has one of these values. */
  showWhen?: { field: string; equals: EnumValue[] };
}

export type FormField =
  | (FieldBase & {
      kind: 'text';
      multiline: boolean;
      minLength?: number;
      maxLength?: number;
      format?: string;
    })
  | (FieldBase & { kind: 'number'; integer: boolean; minimum?: number; maximum?: number })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'enum'; options: EnumValue[] })
  | (FieldBase & { kind: 'object'; fields: FormField[] })
  /** A list of objects (e.g. a split's branches), edited item by item. */
  | (FieldBase & {
      kind: 'array';
      item: FormField[];
      itemDefaults: Record<string, unknown>;
      minItems?: number;
      maxItems?: number;
    })
  /** Event property filters (`{property, op, value}` items): the segment builder's rows. */
  | (FieldBase & { kind: 'filters' })
  /** A set of a few fixed values (enum items, or weekdays 0..6): checkboxes. */
  | (FieldBase & { kind: 'choices'; options: { value: EnumValue; label: string }[] })
  /** A segment rule (`x-widget: 'rule'`, or a property named `rule`): the rule builder. */
  | (FieldBase & { kind: 'rule' })
  /** An id of something in the workspace (`x-widget: 'audience' | 'segment' | 'topic'`): a picker. */
  | (FieldBase & { kind: 'reference'; ref: ReferenceKind })
  /** Arrays, unions and anything else: edited as JSON text. */
  | (FieldBase & { kind: 'json' });

export type FieldKind = FormField['kind'];
export type ReferenceKind = ConfigReferenceKind;
const isReferenceKind = isConfigReferenceKind;

const MULTILINE_WIDGETS = ['template', 'textarea', 'multiline', 'code'];
const MULTILINE_FORMATS = ['textarea', 'template', 'html', 'markdown'];
const LONG_TEXT = 500;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(schema: JsonSchema, key: string): number | undefined {
  const value = schema[key];
  // zod writes ±MAX_SAFE_INTEGER as the bounds of every int; those are no real limit.
  return typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

function str(schema: JsonSchema, key: string): string | undefined {
  const value = schema[key];
  return typeof value === 'string' ? value : undefined;
}

/** Follows a local `$ref` (`#/$defs/x`) against the root schema. */
function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = str(schema, '$ref');
  if (!ref?.startsWith('#/')) return schema;
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    target = isSchema(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return isSchema(target) ? { ...target, ...schema, $ref: undefined } : schema;
}

/** Strips `null` from `type: [x, 'null']` and `anyOf: [x, {type: 'null'}]`. */
function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const type = schema['type'];
  if (Array.isArray(type) && type.includes('null')) {
    const rest = type.filter((t) => t !== 'null');
    return { schema: { ...schema, type: rest.length === 1 ? rest[0] : rest }, nullable: true };
  }
  for (const key of ['anyOf', 'oneOf']) {
    const options = schema[key];
    if (!Array.isArray(options)) continue;
    const nonNull = options.filter((o) => !(isSchema(o) && o['type'] === 'null'));
    if (nonNull.length === 1 && options.length === 2 && isSchema(nonNull[0])) {
      const outer = { ...schema };
      delete outer[key];
      return { schema: { ...outer, ...nonNull[0] }, nullable: true };
    }
  }
  return { schema, nullable: false };
}

function isEnumValue(value: unknown): value is EnumValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function deriveField(
  name: string,
  path: string[],
  raw: JsonSchema,
  required: boolean,
  root: JsonSchema,
): FormField {
  const { schema, nullable } = unwrapNullable(resolveRef(raw, root));
  const base: FieldBase = {
    name,
    path,
    label: str(schema, 'title') ?? humanize(name),
    required,
    nullable,
  };
  const description = str(schema, 'description');
  if (description) base.description = description;
  if ('default' in schema) base.defaultValue = schema['default'];
  const showWhen = schema['x-show-when'];
  if (
    isSchema(showWhen) &&
    typeof showWhen['field'] === 'string' &&
    Array.isArray(showWhen['equals']) &&
    showWhen['equals'].every(isEnumValue)
  )
    base.showWhen = { field: showWhen['field'], equals: showWhen['equals'] };

  const widget = str(schema, 'x-widget');
  if (widget === 'rule') return { ...base, kind: 'rule' };
  if (isReferenceKind(widget)) return { ...base, kind: 'reference', ref: widget };

  const enumValues = schema['enum'];
  if (Array.isArray(enumValues) && enumValues.every(isEnumValue))
    return { ...base, kind: 'enum', options: enumValues };
  if ('const' in schema && isEnumValue(schema['const']))
    return { ...base, kind: 'enum', options: [schema['const']] };

  switch (schema['type']) {
    case 'string': {
      const format = str(schema, 'format');
      const maxLength = num(schema, 'maxLength');
      const multiline =
        (widget !== undefined && MULTILINE_WIDGETS.includes(widget)) ||
        (format !== undefined && MULTILINE_FORMATS.includes(format)) ||
        (maxLength ?? 0) > LONG_TEXT;
      const field: FormField = { ...base, kind: 'text', multiline };
      const minLength = num(schema, 'minLength');
      if (minLength !== undefined) field.minLength = minLength;
      if (maxLength !== undefined) field.maxLength = maxLength;
      if (format !== undefined) field.format = format;
      return field;
    }
    case 'number':
    case 'integer': {
      const field: FormField = { ...base, kind: 'number', integer: schema['type'] === 'integer' };
      const minimum = num(schema, 'minimum') ?? num(schema, 'exclusiveMinimum');
      const maximum = num(schema, 'maximum') ?? num(schema, 'exclusiveMaximum');
      if (minimum !== undefined) field.minimum = minimum;
      if (maximum !== undefined) field.maximum = maximum;
      return field;
    }
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'object':
      if (isSchema(schema['properties']))
        return { ...base, kind: 'object', fields: deriveObjectFields(schema, path, root) };
      return name === 'rule' ? { ...base, kind: 'rule' } : { ...base, kind: 'json' };
    case 'array': {
      const items = isSchema(schema['items']) ? resolveRef(schema['items'], root) : undefined;
      const options = items ? choiceOptions(name, items) : null;
      if (options) return { ...base, kind: 'choices', options };
      if (!items || !isSchema(items['properties'])) return { ...base, kind: 'json' };
      const props = items['properties'];
      if (isSchema(props['property']) && isSchema(props['op'])) return { ...base, kind: 'filters' };
      const field: FormField = {
        ...base,
        kind: 'array',
        item: deriveObjectFields(items, [], root),
        itemDefaults: propertyDefaults(items),
      };
      const minItems = num(schema, 'minItems');
      const maxItems = num(schema, 'maxItems');
      if (minItems !== undefined) field.minItems = minItems;
      if (maxItems !== undefined) field.maxItems = maxItems;
      return field;
    }
    default:
      return name === 'rule' ? { ...base, kind: 'rule' } : { ...base, kind: 'json' };
  }
}

function deriveObjectFields(schema: JsonSchema, path: string[], root: JsonSchema): FormField[] {
  const properties = schema['properties'];
  if (!isSchema(properties)) return [];
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  return Object.entries(properties)
    .filter((entry): entry is [string, JsonSchema] => isSchema(entry[1]))
    .map(([name, property]) =>
      deriveField(name, [...path, name], property, required.includes(name), root),
    );
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MAX_CHOICES = 12;

/** Options of a list of a few fixed values; weekday names for 0..6 "day" lists. */
function choiceOptions(
  name: string,
  items: JsonSchema,
): { value: EnumValue; label: string }[] | null {
  const values = items['enum'];
  if (Array.isArray(values) && values.length <= MAX_CHOICES && values.every(isEnumValue))
    return values.map((value) => ({ value, label: String(value) }));
  if (items['type'] !== 'integer') return null;
  const min = num(items, 'minimum');
  const max = num(items, 'maximum');
  if (min === undefined || max === undefined || max - min + 1 > MAX_CHOICES) return null;
  const days = min === 0 && max === 6 && /day/i.test(`${name} ${str(items, 'title') ?? ''}`);
  return Array.from({ length: max - min + 1 }, (_, i) => ({
    value: min + i,
    label: days ? (WEEKDAY_NAMES[i] ?? String(i)) : String(min + i),
  }));
}

/** The declared default of each property of an object schema. */
function propertyDefaults(schema: JsonSchema): Record<string, unknown> {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties))
    if (isSchema(property) && 'default' in property) defaults[key] = property['default'];
  return defaults;
}

/** The fields of an object schema, in the schema's order. Non-object schemas have none. */
export function deriveFields(schema: JsonSchema): FormField[] {
  return deriveObjectFields(resolveRef(schema, schema), [], schema);
}

/** Reads the value at `path` in a config object. */
export function getAtPath(config: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = config;
  for (const key of path) current = isSchema(current) ? current[key] : undefined;
  return current;
}

/** Immutably sets (or with `undefined`, removes) the value at `path`. */
export function setAtPath(
  config: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return isSchema(value) ? value : config;
  const next = { ...config };
  if (rest.length === 0) {
    if (value === undefined) delete next[head];
    else next[head] = value;
    return next;
  }
  const child = isSchema(config[head]) ? (config[head] as Record<string, unknown>) : {};
  next[head] = setAtPath(child, rest, value);
  return next;
}

export function fieldKey(field: { path: readonly string[] }): string {
  return field.path.join('.');
}

/**
 * Whether a field is shown for the current settings: fields with `showWhen` only while
 * their sibling (in the same object) has one of the listed values, or its default.
 */
export function isShown(
  field: FormField,
  siblings: readonly FormField[],
  value: Record<string, unknown>,
): boolean {
  if (!field.showWhen) return true;
  const { field: name, equals } = field.showWhen;
  const sibling = siblings.find((f) => f.name === name);
  let current: unknown = value;
  for (const key of [...field.path.slice(0, -1), name]) {
    current =
      typeof current === 'object' && current !== null
        ? (current as Record<string, unknown>)[key]
        : undefined;
  }
  const effective = current === undefined ? sibling?.defaultValue : current;
  return equals.some((v) => v === effective);
}
