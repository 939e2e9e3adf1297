import {
  valuelessOps,
  type AttributeOp,
  type ConditionValue,
  type NumericOp,
  type Scalar,
} from '@switchyard/contracts';
import type { ValueInput, ValueType } from './rule-form.model';

/** Reading typed text as rule values, and showing rule values as text (its inverse). */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

const AUTO_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Reads one typed value as the chosen type. */
export function parseScalar(text: string, type: ValueType): Parsed<Scalar> {
  const trimmed = text.trim();
  switch (type) {
    case 'text':
      return ok(text);
    case 'number': {
      const n = Number(trimmed);
      return trimmed !== '' && Number.isFinite(n) ? ok(n) : fail('must be a number');
    }
    case 'boolean':
      if (/^(true|yes)$/i.test(trimmed)) return ok(true);
      if (/^(false|no)$/i.test(trimmed)) return ok(false);
      return fail('must be yes or no');
    case 'auto':
      if (trimmed === '') return fail('must not be empty');
      if (AUTO_NUMBER.test(trimmed)) return ok(Number(trimmed));
      if (trimmed === 'true' || trimmed === 'false') return ok(trimmed === 'true');
      return ok(text);
    default: {
      const never: never = type;
      throw new Error(`unknown value type ${String(never)}`);
    }
  }
}

export function parseNumber(text: string): Parsed<number> {
  const parsed = parseScalar(text, 'number');
  return parsed.ok ? ok(parsed.value as number) : parsed;
}

export function parseWholeDays(text: string): Parsed<number> {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0
    ? ok(n)
    : fail('must be a whole number of days');
}

/** A number, or `[low, high]` for `between`. */
export function parseNumericValue(
  op: NumericOp,
  value: string,
  valueTo: string,
): Parsed<number | [number, number]> {
  const low = parseNumber(value);
  if (op !== 'between' || !low.ok) return low;
  const high = parseNumber(valueTo);
  return high.ok ? ok([low.value, high.value]) : fail(`upper bound ${high.message}`);
}

/** Turns the value inputs into the condition's `value` for operator `op`. */
export function parseConditionValue(
  op: AttributeOp,
  input: ValueInput,
): Parsed<ConditionValue | undefined> {
  if (valuelessOps.includes(op)) return ok(undefined);
  switch (op) {
    case 'withinLastDays':
    case 'moreThanDaysAgo':
      return parseWholeDays(input.value);
    case 'contains':
    case 'startsWith':
      return input.value === '' ? fail('must not be empty') : ok(input.value);
    case 'between': {
      const low = parseScalar(input.value, input.valueType);
      if (!low.ok) return low;
      const high = parseScalar(input.valueTo, input.valueType);
      if (!high.ok) return fail(`upper bound ${high.message}`);
      return ok([low.value, high.value]);
    }
    case 'in':
    case 'notIn': {
      const parts = input.value
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      if (parts.length === 0) return fail('needs at least one value, separated by commas');
      const values: Scalar[] = [];
      for (const part of parts) {
        const parsed = parseScalar(part, input.valueType);
        if (!parsed.ok) return fail(`"${part}" ${parsed.message}`);
        values.push(parsed.value);
      }
      return ok(values);
    }
    default:
      return parseScalar(input.value, input.valueType);
  }
}

function typeOf(value: Scalar): ValueType {
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
}

/** Inverse of parseConditionValue; null when the value cannot be shown without loss. */
export function valueToInput(
  op: AttributeOp,
  value: ConditionValue | undefined,
  hasValue: boolean,
): ValueInput | null {
  const empty: ValueInput = { valueType: 'auto', value: '', valueTo: '' };
  if (valuelessOps.includes(op)) return hasValue ? null : empty;
  if (value === undefined || value === null) return null;
  if (op === 'withinLastDays' || op === 'moreThanDaysAgo')
    return typeof value === 'number' && Number.isInteger(value) && value >= 0
      ? { ...empty, valueType: 'number', value: String(value) }
      : null;
  if (Array.isArray(value)) {
    const first = value[0];
    if (first === undefined || value.some((v) => typeOf(v) !== typeOf(first))) return null;
    if (!value.every((v) => scalarShows(v))) return null;
    const texts = value.map(String);
    if (op === 'between' && value.length === 2)
      return { valueType: typeOf(first), value: texts[0] ?? '', valueTo: texts[1] ?? '' };
    const listSafe = texts.every((t) => !t.includes(',') && t === t.trim() && t !== '');
    if ((op === 'in' || op === 'notIn') && listSafe)
      return { ...empty, valueType: typeOf(first), value: texts.join(', ') };
    return null;
  }
  if (op === 'between' || op === 'in' || op === 'notIn') return null;
  if (op === 'contains' || op === 'startsWith')
    return typeof value === 'string' && value !== '' ? { ...empty, value } : null;
  return scalarShows(value) ? { ...empty, valueType: typeOf(value), value: String(value) } : null;
}

/** A scalar whose text reads back as the same value with its own type. */
function scalarShows(value: Scalar): boolean {
  if (typeof value === 'number') return Object.is(Number(String(value)), value);
  return true;
}

/** A numeric value as the two text inputs; null for a shape `op` does not take. */
export function numericToText(
  op: NumericOp,
  value: number | [number, number],
): { value: string; valueTo: string } | null {
  if (op === 'between')
    return Array.isArray(value) ? { value: String(value[0]), valueTo: String(value[1]) } : null;
  return Array.isArray(value) ? null : { value: String(value), valueTo: '' };
}

/** Places typed as "Seoul, Busan": trimmed, none empty. */
export function parsePlaces(text: string): Parsed<string[]> {
  const places = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return places.length > 0 ? ok(places) : fail('needs at least one place');
}

/** Places as text; null when one could not be typed back the same (commas, spaces). */
export function placesToText(places: readonly unknown[]): string | null {
  const shows = (p: unknown): p is string =>
    typeof p === 'string' && p !== '' && p === p.trim() && !p.includes(',');
  return places.length > 0 && places.every(shows) ? places.join(', ') : null;
}

export function parsePercent(text: string): Parsed<number> {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 100
    ? ok(n)
    : fail('must be a whole number from 0 to 100');
}
