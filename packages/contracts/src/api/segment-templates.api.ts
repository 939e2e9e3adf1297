import { z } from 'zod';
import type { Rule } from '../rule/rule.schema.js';
import type { SegmentGroupFallback, SegmentGroupView } from './segment-groups.api.js';
import type { SegmentView } from './segments.api.js';

/**
 * Built-in templates: segments (and groups over them) installed with one call and
 * editable afterwards like any other segment or group.
 */

export const templateKeys = [
  'lifecycle',
  'rfm',
  'frequency_recency',
  'salon_defaults',
  'bought_not_bought',
] as const;
export type TemplateKey = (typeof templateKeys)[number];

export const templateKeyParamSchema = z.strictObject({
  key: z.enum(templateKeys, { message: `must be one of ${templateKeys.join(', ')}` }),
});

/** A customer trait the template's rules read, and what it should hold. */
export interface TemplateTraitRequirement {
  name: string;
  type: 'boolean' | 'number' | 'date' | 'string';
  description: string;
}

/** An event the template's rules read, with the properties they use. */
export interface TemplateEventRequirement {
  name: string;
  properties: { name: string; type: 'number' | 'string'; description: string }[];
}

export interface TemplateSegment {
  /** Stable within the template; groups refer to segments by it. */
  key: string;
  name: string;
  description: string;
  color: string;
  rule: Rule;
}

export interface TemplateGroup {
  name: string;
  description: string;
  members: { segment: string; growthIsGood: boolean; label?: string }[];
  fallback: SegmentGroupFallback;
}

/**
 * A value the template needs at install (`$name` in its names, descriptions and rule
 * values is replaced by it). `default` says where a missing value comes from.
 */
export interface TemplateParameter {
  name: string;
  description: string;
  default?: 'strongest_association_rule';
}

export const templateInstallBodySchema = z
  .strictObject({
    parameters: z
      .record(
        z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a parameter name'),
        z.string().trim().min(1, 'must not be empty').max(200),
      )
      .optional(),
  })
  .optional()
  .transform((b) => b ?? {});
export type TemplateInstallBody = z.output<typeof templateInstallBodySchema>;

export interface SegmentTemplateView {
  key: TemplateKey;
  name: string;
  description: string;
  parameters?: TemplateParameter[];
  requires: { traits: TemplateTraitRequirement[]; events: TemplateEventRequirement[] };
  segments: TemplateSegment[];
  groups: TemplateGroup[];
}

export interface TemplateInstallResult {
  template: TemplateKey;
  /** The parameter values used (given or defaulted). */
  parameters: Record<string, string>;
  segments: SegmentView[];
  groups: SegmentGroupView[];
}
