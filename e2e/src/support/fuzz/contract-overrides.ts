import {
  attributeConditionSchema,
  eventAggregateConditionSchema,
  eventMeasureConditionSchema,
  eventNeverConditionSchema,
  locationConditionSchema,
  randomConditionSchema,
  rfmConditionSchema,
  segmentConditionSchema,
  triggerSchema,
} from '@switchyard/contracts';
import fc from 'fast-check';
import { ownObject } from './raw-json.js';
import type { SchemaOverride, ZodLike } from './zod-arbitrary.js';

/**
 * Arbitraries for the contract schemas the zod walker cannot see into: the rule language
 * (a union chosen by keys, written as a transform) and journey graphs (node configs are
 * validated by each node type's own schema, not by the graph schema).
 */

const probe = (schema: ZodLike, value: unknown): boolean => {
  try {
    return schema.safeParse(value).success;
  } catch {
    return false;
  }
};

const timeZones = Intl.supportedValuesOf('timeZone');

/** Overrides every fuzzed API needs: IANA time zones (a refine no generator would hit). */
export const timeZoneOverride: SchemaOverride = {
  name: 'time zone',
  matches: (schema) =>
    schema._zod.def.type === 'string' &&
    probe(schema, 'Europe/Berlin') &&
    !probe(schema, 'Nowhere/Atlantis'),
  arbitrary: () => fc.constantFrom(...timeZones, 'UTC', 'Asia/Seoul'),
};

/** Host names with an optional port (`name`, `name:port`, IPs), as allow-lists take them. */
export const hostOverride: SchemaOverride = {
  name: 'host',
  matches: (schema) =>
    probe(schema, 'example.com:8080') &&
    probe(schema, '10.0.0.1') &&
    !probe(schema, 'http://example.com/') &&
    !probe(schema, '*.example.com'),
  arbitrary: () =>
    fc.oneof(
      fc.domain(),
      fc.tuple(fc.domain(), fc.integer({ min: 1, max: 65535 })).map(([d, port]) => `${d}:${port}`),
      fc.constantFrom(
        'localhost',
        '127.0.0.1',
        '10.0.0.1',
        '[::1]',
        '169.254.169.254',
        'metadata.google.internal',
      ),
    ),
};

/** SMTP server URLs (a workspace's `emailProvider.url`), with or without a login. */
export const smtpUrlOverride: SchemaOverride = {
  name: 'smtp url',
  matches: (schema) =>
    probe(schema, 'smtp://mail.example.com:587') && !probe(schema, 'http://mail.example.com/'),
  arbitrary: () =>
    fc
      .tuple(
        fc.constantFrom('smtp', 'smtps'),
        fc.option(
          fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[A-Za-z0-9]{1,12}$/)),
        ),
        fc.domain(),
        fc.option(fc.integer({ min: 1, max: 65535 })),
      )
      .map(
        ([scheme, login, host, port]) =>
          `${scheme}://${login ? `${login[0]}:${login[1]}@` : ''}${host}${port ? `:${port}` : ''}`,
      ),
};

/** E-mail senders (`Name <address>` or an address), as `emailProvider.from` takes them. */
export const senderOverride: SchemaOverride = {
  name: 'sender',
  matches: (schema) =>
    schema._zod.def.type === 'string' &&
    probe(schema, 'Shop <news@shop.example>') &&
    !probe(schema, 'no address here'),
  arbitrary: () =>
    fc.oneof(
      fc.emailAddress(),
      fc
        .tuple(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/), fc.emailAddress())
        .map(([name, address]) => `${name} <${address}>`),
    ),
};

const isRuleSchema = (schema: ZodLike): boolean =>
  ['lazy', 'pipe'].includes(schema._zod.def.type) &&
  probe(schema, { all: [] }) &&
  probe(schema, { attribute: 'plan', op: 'exists' }) &&
  !probe(schema, { neither: 1 });

const leafSchemas = [
  attributeConditionSchema,
  locationConditionSchema,
  eventAggregateConditionSchema,
  eventMeasureConditionSchema,
  eventNeverConditionSchema,
  segmentConditionSchema,
  rfmConditionSchema,
  randomConditionSchema,
] as unknown as ZodLike[];

/** Rules of every kind, nested up to a few levels (all / any / not). */
export const ruleOverride: SchemaOverride = {
  name: 'rule',
  matches: isRuleSchema,
  arbitrary: (derive) => {
    const leaf = fc.oneof(...leafSchemas.map((schema) => derive(schema)));
    return fc.letrec<{ rule: unknown }>((tie) => ({
      rule: fc.oneof(
        { depthSize: 'small', maxDepth: 4, withCrossShrink: true },
        { weight: 4, arbitrary: leaf },
        { weight: 1, arbitrary: fc.array(tie('rule'), { maxLength: 4 }).map((all) => ({ all })) },
        { weight: 1, arbitrary: fc.array(tie('rule'), { maxLength: 4 }).map((any) => ({ any })) },
        { weight: 1, arbitrary: tie('rule').map((not) => ({ not })) },
      ),
    })).rule;
  },
};

/** A node type and the schema of its settings (the server's built-in actions). */
export interface NodeTypeSpec {
  type: string;
  config: ZodLike;
  outputsFor(config: never): readonly string[];
}

const isGraphSchema = (schema: ZodLike): boolean =>
  schema._zod.def.type === 'object' &&
  probe(schema, { nodes: [], edges: [] }) &&
  !probe(schema, { nodes: [] });

/**
 * A trigger followed by a chain of nodes of real types with generated settings, edges from
 * each node's first output: graphs that mostly publish, so publishing and the engine's
 * validation are reached, not only the shape check.
 */
export function graphOverride(nodeTypes: readonly NodeTypeSpec[]): SchemaOverride {
  return {
    name: 'journey graph',
    matches: isGraphSchema,
    arbitrary: (derive) => {
      const trigger = derive(triggerSchema as unknown as ZodLike);
      const node = fc.oneof(
        ...nodeTypes.map((spec) =>
          derive(spec.config).map((config) => ({ type: spec.type, config, spec })),
        ),
      );
      return fc
        .tuple(trigger, fc.array(node, { maxLength: 4 }), fc.boolean())
        .map(([triggerConfig, chain, label]) => {
          const nodes = [
            { id: 'trigger', type: 'trigger', config: triggerConfig, position: { x: 0, y: 0 } },
            ...chain.map((n, i) => ({
              id: `n${i + 1}`,
              type: n.type,
              ...(label ? { label: `Step ${i + 1}` } : {}),
              config: (n.config ?? {}) as Record<string, unknown>,
              position: { x: 0, y: (i + 1) * 150 },
            })),
          ];
          const edges = chain.map((n, i) => {
            const source = chain[i - 1];
            const outputs = source ? outputsOf(source.spec, source.config) : ['next'];
            const handle = outputs[0] ?? 'next';
            return {
              id: `e${i + 1}`,
              source: i === 0 ? 'trigger' : `n${i}`,
              target: `n${i + 1}`,
              ...(handle !== 'next' ? { sourceHandle: handle } : {}),
            };
          });
          return { nodes, edges };
        });
    },
  };
}

function outputsOf(spec: NodeTypeSpec, config: unknown): readonly string[] {
  try {
    return spec.outputsFor(config as never);
  } catch {
    return ['next'];
  }
}

/** Every override the fuzzer uses, given the node types of the server under test. */
export function contractOverrides(nodeTypes: readonly NodeTypeSpec[]): SchemaOverride[] {
  return [
    ruleOverride,
    graphOverride(nodeTypes),
    timeZoneOverride,
    hostOverride,
    smtpUrlOverride,
    senderOverride,
  ];
}

/** Keys of a schema's objects, to reuse as hostile keys (depth-limited walk). */
export function schemaKeys(schema: ZodLike, depth = 0, into = new Set<string>()): string[] {
  if (depth > 6) return [...into];
  const def = schema._zod.def;
  const child = (key: string) => {
    const value = def[key];
    if (value && typeof value === 'object' && '_zod' in value)
      schemaKeys(value as ZodLike, depth + 1, into);
  };
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, ZodLike>)) {
        into.add(key);
        schemaKeys(value, depth + 1, into);
      }
      break;
    case 'union':
      for (const option of def.options as ZodLike[]) schemaKeys(option, depth + 1, into);
      break;
    case 'array':
      child('element');
      break;
    case 'record':
      child('valueType');
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      child('innerType');
      break;
    case 'pipe':
      child('in');
      break;
    default:
      break;
  }
  if (isRuleSchema(schema))
    for (const key of ['all', 'any', 'not', 'attribute', 'op', 'value', 'event']) into.add(key);
  return [...into];
}

/** `{__proto__: {polluted: true}}` as an own key, the classic pollution probe. */
export const pollutionProbe = (): Record<string, unknown> =>
  ownObject([['__proto__', ownObject([['polluted', true]])]]);
