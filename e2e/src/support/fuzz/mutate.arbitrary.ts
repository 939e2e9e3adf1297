import fc from 'fast-check';
import { hostileKey, hostileValue, nest } from './hostile.arbitrary.js';
import { isRaw, ownObject, raw, toJsonText } from './raw-json.js';

/**
 * Near-valid values: a valid value with one thing wrong at one place (a field replaced by
 * a hostile value, removed, set to null, turned into a string or a list, or an extra key).
 */

export const mutationKinds = [
  'replace',
  'remove',
  'extra',
  'null',
  'stringify',
  'wrap',
  'deepen',
] as const;
export type MutationKind = (typeof mutationKinds)[number];

type Path = (string | number)[];

/** Every place in a value (the root included), depth first. */
function places(value: unknown, path: Path = [], out: Path[] = [], depth = 0): Path[] {
  out.push(path);
  if (depth > 20 || out.length > 2000) return out;
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...path, i], out, depth + 1));
  // A RawJson is a leaf (and shared: never mutated).
  else if (value !== null && typeof value === 'object' && !isRaw(value))
    for (const key of Object.keys(value))
      places((value as Record<string, unknown>)[key], [...path, key], out, depth + 1);
  return out;
}

/**
 * A copy of a JSON-like value (own keys kept as own keys) down to the depth mutations
 * reach; deeper parts (a 100,000-level nest) are shared, never changed.
 */
function copy(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 24) return value;
  if (Array.isArray(value)) return value.map((v) => copy(v, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return ownObject(
    Object.keys(value).map((k) => [k, copy((value as Record<string, unknown>)[k], depth + 1)]),
  );
}

function get(value: unknown, path: Path): unknown {
  let v = value;
  for (const key of path) v = (v as Record<string | number, unknown>)[key];
  return v;
}

const depths = [40, 129, 1_000, 100_000];
const depthOf = (pick: number) => depths[pick % depths.length]!;

/** Applies one mutation at `path` of a copy of `value`. */
export function mutate(
  value: unknown,
  pick: number,
  kind: MutationKind,
  replacement: unknown,
  key: string,
): unknown {
  const root = { value: copy(value) };
  const all = places(root.value, ['value']);
  const path = all[pick % all.length]!;
  const parent = get(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const target = parent[last];
  const set = (v: unknown) =>
    Object.defineProperty(parent, last, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  switch (kind) {
    case 'replace':
      set(replacement);
      break;
    case 'remove':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else if (parent !== root) delete parent[last];
      else set(undefined);
      break;
    case 'extra':
      if (Array.isArray(target)) target.push(replacement);
      else if (target !== null && typeof target === 'object' && !isRaw(target))
        Object.defineProperty(target, key, {
          value: replacement,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else set(replacement);
      break;
    case 'null':
      set(null);
      break;
    case 'stringify':
      set(
        typeof target === 'string' ? raw(target.length > 0 ? '1e309' : '-0') : toJsonText(target),
      );
      break;
    case 'wrap':
      set([target]);
      break;
    case 'deepen':
      // The value inside many levels of itself: {not: {not: …}} under a rule's `not`.
      set(nest(target, typeof last === 'string' && last !== 'value' ? last : key, depthOf(pick)));
      break;
    default: {
      const never: never = kind;
      throw new Error(`unknown mutation ${String(never)}`);
    }
  }
  return root.value;
}

/** Near-valid values from an arbitrary of valid ones; `keys` are the schema's own keys. */
export function nearValid(
  valid: fc.Arbitrary<unknown>,
  keys: readonly string[],
): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.nat(), fc.constantFrom(...mutationKinds), hostileValue(keys), hostileKey(keys))
    .map(([value, pick, kind, replacement, key]) => mutate(value, pick, kind, replacement, key));
}

/** Several mutations at once: a value shaped like a valid one, broken in many places. */
export function manyMutations(
  valid: fc.Arbitrary<unknown>,
  keys: readonly string[],
): fc.Arbitrary<unknown> {
  const step = fc.tuple(
    fc.nat(),
    fc.constantFrom(...mutationKinds),
    hostileValue(keys),
    hostileKey(keys),
  );
  return fc
    .tuple(valid, fc.array(step, { minLength: 2, maxLength: 6 }))
    .map(([value, steps]) =>
      steps.reduce(
        (v, [pick, kind, replacement, key]) => mutate(v, pick, kind, replacement, key),
        value,
      ),
    );
}
