import { z } from 'zod';
import { storableText } from './condition-value.schema.js';

export const locationLevels = ['country', 'region', 'city'] as const;
export type LocationLevel = (typeof locationLevels)[number];
export const locationOps = ['in', 'notIn'] as const;
export type LocationOp = (typeof locationOps)[number];

/**
 * Where a location level is read from, in order: the top-level trait (`country`,
 * `region`, `city`) when it is set, otherwise the address of Segment's identify spec
 * (`address.country`, `address.state`, `address.city`).
 */
export const locationTraitPaths: Readonly<Record<LocationLevel, readonly [string, string]>> = {
  country: ['country', 'address.country'],
  region: ['region', 'address.state'],
  city: ['city', 'address.city'],
};

/**
 * `{location: 'city', op: 'in', value: ['Seoul', 'Busan']}`: the customer's city is one of
 * the values, ignoring case. `notIn` is its negation, so it also holds for a customer whose
 * location is unknown. Several places in one condition (or `any`) are inclusive; `all` of
 * two location conditions is exclusive.
 */
export interface LocationCondition {
  location: LocationLevel;
  op: LocationOp;
  value: string[];
}

export const locationConditionSchema = z.strictObject({
  location: z.enum(locationLevels),
  op: z.enum(locationOps),
  value: z
    .array(storableText(z.string().min(1, 'must not be empty').max(200)))
    .min(1, 'needs at least one place')
    .max(1000),
});
