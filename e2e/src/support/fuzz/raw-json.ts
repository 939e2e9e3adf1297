/**
 * JSON text for fuzzed bodies. `JSON.stringify` cannot say everything a hostile client
 * can: `1e309` (Infinity after parsing), `-0`, integers beyond 2^53, or an own
 * `__proto__` key written as text. A `RawJson` value is written as its text verbatim.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

export const raw = (text: string): RawJson => new RawJson(text);

/** A RawJson itself (not an object that merely inherits from one through `__proto__`). */
export const isRaw = (value: unknown): value is RawJson =>
  value instanceof RawJson && Object.getPrototypeOf(value) === RawJson.prototype;

/** An object whose keys may include `__proto__` and `constructor` as own properties. */
export function ownObject(
  entries: readonly (readonly [string, unknown])[],
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return object;
}

/**
 * Writes a value as JSON text: RawJson verbatim, own enumerable keys (including
 * `__proto__`), `undefined` object members left out (as JSON.stringify does), and
 * `undefined` in arrays as null. Iterative, so a value nested 100,000 deep is written.
 */
export function toJsonText(value: unknown): string {
  const out: string[] = [];
  // A stack of work: a value to write, or literal text to emit.
  const stack: ({ value: unknown } | { text: string })[] = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const v = item.value;
    if (isRaw(v)) out.push(v.text);
    else if (v === null || v === undefined) out.push('null');
    else if (typeof v === 'number') out.push(Number.isFinite(v) ? JSON.stringify(v) : 'null');
    else if (typeof v === 'string' || typeof v === 'boolean') out.push(JSON.stringify(v));
    else if (Array.isArray(v)) {
      const parts: ({ value: unknown } | { text: string })[] = [{ text: '[' }];
      v.forEach((element, i) => {
        if (i > 0) parts.push({ text: ',' });
        parts.push({ value: element });
      });
      parts.push({ text: ']' });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
    } else if (typeof v === 'object') {
      const parts: ({ value: unknown } | { text: string })[] = [{ text: '{' }];
      let first = true;
      for (const key of Object.keys(v)) {
        const member = (v as Record<string, unknown>)[key];
        if (member === undefined) continue;
        parts.push({ text: `${first ? '' : ','}${JSON.stringify(key)}:` });
        parts.push({ value: member });
        first = false;
      }
      parts.push({ text: '}' });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
    } else out.push(JSON.stringify(String(v)));
  }
  return out.join('');
}

/** A short, printable description of a value (long strings and arrays cut, depth capped). */
export function describeValue(value: unknown, depth = 0): string {
  if (isRaw(value)) return value.text.length > 80 ? `raw(${cut(value.text)})` : value.text;
  if (value === undefined) return 'undefined';
  if (value === null || typeof value === 'number' || typeof value === 'boolean')
    return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(cut(value));
  if (depth > 6) return '…';
  if (Array.isArray(value)) {
    const shown = value.slice(0, 8).map((v) => describeValue(v, depth + 1));
    if (value.length > 8) shown.push(`…(${value.length} items)`);
    return `[${shown.join(',')}]`;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    const shown = keys
      .slice(0, 16)
      .map(
        (k) =>
          `${JSON.stringify(k)}:${describeValue((value as Record<string, unknown>)[k], depth + 1)}`,
      );
    if (keys.length > 16) shown.push(`…(${keys.length} keys)`);
    return `{${shown.join(',')}}`;
  }
  return String(value);
}

function cut(text: string): string {
  return text.length > 120
    ? `${text.slice(0, 60)}…(${text.length} chars)…${text.slice(-20)}`
    : text;
}
