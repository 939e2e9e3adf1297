import { z } from 'zod';
import { type ConfigReference, configReferences, type MessageChannel } from '@switchyard/contracts';
import type { ActionContext, ActionResult, ActionSpec } from './action.types.js';

export interface ActionDefinition<S extends z.ZodType = z.ZodType> extends ActionSpec<S> {
  /** JSON Schema of the settings, as the editor renders them. */
  readonly configJsonSchema: Record<string, unknown>;
  /** Settings with every default applied (what a new node starts with). */
  readonly defaults: Record<string, unknown>;
  /** Fixed outputs, or `dynamic` when they depend on the settings. */
  readonly staticOutputs: readonly string[] | 'dynamic';
  readonly templateFields: readonly string[];
  readonly sends: readonly MessageChannel[];
  /** Settings that name an audience, segment or topic (`x-widget`): publishing checks them. */
  readonly references: readonly ConfigReference[];
  outputsFor(config: z.output<S>): readonly string[];
  parseConfig(raw: unknown): z.ZodSafeParseResult<z.output<S>>;
  run(ctx: ActionContext, rawConfig: unknown): Promise<ActionResult>;
}

const TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/**
 * Declares an action node. Built-in nodes and plugins use this same function: the
 * engine executes `execute`, the editor renders `config`'s JSON Schema.
 */
export function defineAction<S extends z.ZodType>(spec: ActionSpec<S>): ActionDefinition<S> {
  if (!TYPE_PATTERN.test(spec.type))
    throw new Error(`action type "${spec.type}" must be lower_snake_case, dots between namespaces`);
  if (!Number.isInteger(spec.version) || spec.version < 1)
    throw new Error(`action "${spec.type}": version must be a positive integer`);
  const configJsonSchema = z.toJSONSchema(spec.config, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    ...spec,
    configJsonSchema,
    defaults: defaultsOf(spec.config, configJsonSchema),
    staticOutputs: typeof spec.outputs === 'function' ? 'dynamic' : [...spec.outputs],
    templateFields: [...(spec.templateFields ?? [])],
    sends: [...new Set(spec.sends ?? [])],
    references: configReferences(configJsonSchema),
    outputsFor(config) {
      return typeof spec.outputs === 'function' ? spec.outputs(config) : spec.outputs;
    },
    parseConfig(raw) {
      return spec.config.safeParse(raw) as z.ZodSafeParseResult<z.output<S>>;
    },
    async run(ctx, rawConfig) {
      const parsed = spec.config.safeParse(rawConfig);
      if (!parsed.success)
        throw new Error(`invalid settings for ${spec.type}: ${parsed.error.message}`);
      return spec.execute(ctx, parsed.data);
    },
  };
}

/**
 * What a new node starts with: the parsed empty settings when they are valid, otherwise
 * the declared default of each top-level setting (required settings stay unset).
 */
function defaultsOf(
  schema: z.ZodType,
  jsonSchema: Record<string, unknown>,
): Record<string, unknown> {
  const parsed = schema.safeParse({});
  if (parsed.success && typeof parsed.data === 'object' && parsed.data !== null)
    return parsed.data as Record<string, unknown>;
  const properties = jsonSchema['properties'];
  if (typeof properties !== 'object' || properties === null) return {};
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties as Record<string, unknown>)) {
    if (typeof property === 'object' && property !== null && 'default' in property)
      defaults[key] = (property as { default: unknown }).default;
  }
  return defaults;
}
