import { z } from 'zod';
import type { Rule } from '../rule/rule.schema.js';
import type { SegmentGroupFallback, SegmentGroupView } from './segment-groups.api.js';
import type { SegmentView } from './segments.api.js';

/**
 * Built-in templates: segments (and groups over them) installed with one call and
 * editable afterwards like any other segment or group.
 */

export const templateKeys = ['lifecycle', 'rfm', 'frequency_recency', 'salon_defaults'] as const;
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

export interface SegmentTemplateView {
  key: TemplateKey;
  name: string;
  description: string;
  requires: { traits: TemplateTraitRequirement[]; events: TemplateEventRequirement[] };
  segments: TemplateSegment[];
  groups: TemplateGroup[];
}

export interface TemplateInstallResult {
  template: TemplateKey;
  segments: SegmentView[];
  groups: SegmentGroupView[];
}
