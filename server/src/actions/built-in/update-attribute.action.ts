import { fieldNameSchema } from '@switchyard/contracts';
import { defineAction, FatalActionError } from '@switchyard/sdk';
import { z } from 'zod';

export const VALUE_TYPES = ['string', 'number', 'boolean', 'json'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** A decimal number as people write it: no hex, no "Infinity", no blank. */
const DECIMAL_PATTERN = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export type ConversionResult = { ok: true; value: unknown } | { ok: false; problem: string };

/** Converts rendered text to the trait's type. */
export function convertTraitValue(text: string, type: ValueType): ConversionResult {
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'number': {
      const trimmed = text.trim();
      const value = Number(trimmed);
      if (!DECIMAL_PATTERN.test(trimmed) || !Number.isFinite(value))
        return { ok: false, problem: 'is not a finite number' };
      return { ok: true, value };
    }
    case 'boolean': {
      const trimmed = text.trim();
      if (trimmed === 'true') return { ok: true, value: true };
      if (trimmed === 'false') return { ok: true, value: false };
      return { ok: false, problem: 'is neither "true" nor "false"' };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, problem: 'is not valid JSON' };
      }
    default: {
      const never: never = type;
      throw new Error(`unknown value type ${String(never)}`);
    }
  }
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * Sets one trait of the customer's profile (merged in the step's transaction). Only a
 * top-level trait: to change a nested value, set the whole object with type "json".
 */
export const updateAttributeAction = defineAction({
  type: 'update_attribute',
  version: 1,
  title: 'Update attribute',
  description: "Set a trait on the customer's profile.",
  category: 'data',
  icon: 'pencil',
  config: z
    .strictObject({
      trait: fieldNameSchema
        .refine((name) => !name.includes('.'), {
          message: 'must be a top-level trait (no "."); set a whole object with type "json"',
        })
        .meta({ title: 'Trait', description: 'Name of the trait to set, e.g. plan.' }),
      value: z.string().max(100_000).meta({
        'x-widget': 'template',
        title: 'Value',
        description: 'The new value (a template, not HTML-escaped), converted to the type below.',
      }),
      valueType: z.enum(VALUE_TYPES).default('string').meta({
        title: 'Type',
        description:
          'string keeps the text; number needs a finite number; boolean "true" or "false"; json any JSON value.',
      }),
    })
    .meta({ 'x-summary': '{{trait}} = {{value}}' }),
  outputs: ['next'],
  templateFields: ['value'],
  async execute(ctx, config) {
    const text = ctx.renderText(config.value);
    const converted = convertTraitValue(text, config.valueType);
    if (!converted.ok)
      throw new FatalActionError(
        `trait "${config.trait}": "${preview(text)}" ${converted.problem} (type ${config.valueType})`,
      );
    await ctx.effects.setTraits({ [config.trait]: converted.value });
    return { kind: 'continue' };
  },
});
