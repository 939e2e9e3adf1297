import { z } from 'zod';

/**
 * Association rules between products bought together, from `Order Completed` events whose
 * `products` list items with a `product_id` (Segment's e-commerce spec). Each order is a
 * basket. For "X → Y": support = baskets with both ÷ all baskets; confidence = baskets
 * with both ÷ baskets with X; lift = confidence ÷ (baskets with Y ÷ all baskets).
 */
export const associationRulesQuerySchema = z.strictObject({
  product: z.string().min(1).max(200).optional(),
  minConfidence: z.coerce.number().min(0).max(1).optional().default(0),
  minLift: z.coerce.number().min(0).optional().default(0),
  limit: z.coerce.number().int().min(1).max(1000).optional().default(100),
});

export interface AssociationRuleView {
  antecedent: { productId: string; name: string | null };
  consequent: { productId: string; name: string | null };
  /** Baskets with both products. */
  baskets: number;
  support: number;
  confidence: number;
  lift: number;
}

export interface AssociationRuleList {
  /** When the rules were last computed (null: never). */
  computedAt: string | null;
  /** Orders with at least one product when they were computed. */
  baskets: number;
  rules: AssociationRuleView[];
}

export interface RecommendationsRefreshResult {
  baskets: number;
  products: number;
  rules: number;
  computedAt: string;
}

export const customerRecommendationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).optional().default(5),
});

/** A product the customer has not bought, with the rule that recommends it most. */
export interface RecommendationView {
  productId: string;
  name: string | null;
  /** The product the customer bought that leads here. */
  because: { productId: string; name: string | null };
  confidence: number;
  lift: number;
}
