import { z } from 'zod';
import { eventNameSchema } from '../rule/rule.schema.js';

/**
 * The catalog: which traits, events and event properties a workspace actually has, read
 * from a bounded sample so the segment builder can offer pickers and fitting operators.
 */

export const catalogValueTypes = ['string', 'number', 'boolean', 'date', 'list'] as const;
export type CatalogValueType = (typeof catalogValueTypes)[number];

/** A trait or property name with its inferred type and a few values seen in the sample. */
export interface CatalogField {
  /** Dotted path for nested keys, e.g. `address.city`, as the rule language reads it. */
  name: string;
  type: CatalogValueType;
  /** How many sampled documents held the field. */
  seen: number;
  /** Up to five of the most frequent values (lists and objects are left out). */
  samples: (string | number | boolean)[];
}

export interface CatalogTraits {
  /** How many customers were sampled (the most recently first seen). */
  sampled: number;
  traits: CatalogField[];
}

export interface CatalogEvent {
  name: string;
  count: number;
  /** True when counting stopped at the cap: the event happened at least `count` times. */
  capped: boolean;
}

export interface CatalogEvents {
  events: CatalogEvent[];
}

export interface CatalogEventProperties {
  event: string;
  sampled: number;
  properties: CatalogField[];
}

export const catalogEventParamsSchema = z.strictObject({ name: eventNameSchema });
