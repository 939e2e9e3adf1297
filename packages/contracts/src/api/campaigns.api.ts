import { z } from 'zod';
import { movementSelectionSchema } from './audiences.api.js';

/** What a campaign is for; its generated content depends on it (see /api/campaign-templates). */
export const campaignKinds = [
  'win_back',
  'welcome_vip',
  'reactivation',
  'nurture',
  'cross_sell',
] as const;
export type CampaignKind = (typeof campaignKinds)[number];

export const campaignTones = ['friendly', 'premium', 'urgent'] as const;
export type CampaignTone = (typeof campaignTones)[number];

export const MAX_CAMPAIGN_HOLDOUT_PERCENT = 50;

const contentLimit = z.string().max(100_000);

/**
 * A campaign for an audience, or for a movement (the audience is created from it). Kind
 * and tone default from the movement (e.g. VIP → at-risk VIP is a win-back).
 */
export const createCampaignBodySchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    audienceId: z.uuid('must be an audience id').optional(),
    movement: movementSelectionSchema.optional(),
    kind: z.enum(campaignKinds).optional(),
    tone: z.enum(campaignTones).optional(),
  })
  .refine((b) => (b.audienceId === undefined) !== (b.movement === undefined), {
    message: 'give an audienceId or a movement (one of them)',
    path: ['audienceId'],
  });
export type CreateCampaignBody = z.output<typeof createCampaignBodySchema>;
export type CreateCampaignInput = z.input<typeof createCampaignBodySchema>;

/** Edits of a draft. `regenerate` replaces the content from the library for kind and tone. */
export const updateCampaignBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  subject: z.string().min(1, 'must not be empty').max(2000).optional(),
  preheader: z.string().max(500).optional(),
  html: contentLimit.min(1, 'must not be empty').optional(),
  text: contentLimit.optional(),
  holdoutPercent: z
    .number()
    .int('must be a whole number')
    .min(0)
    .max(MAX_CAMPAIGN_HOLDOUT_PERCENT, `must be 0-${MAX_CAMPAIGN_HOLDOUT_PERCENT}`)
    .optional(),
  kind: z.enum(campaignKinds).optional(),
  tone: z.enum(campaignTones).optional(),
  regenerate: z.boolean().optional(),
  /** The subscription topic the e-mail goes out under; null for none. */
  topicId: z.uuid('must be a subscription topic id').nullable().optional(),
});
export type UpdateCampaignBody = z.output<typeof updateCampaignBodySchema>;

export interface CampaignContent {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

export type CampaignStatus = 'draft' | 'launched';

export interface CampaignView extends CampaignContent {
  id: string;
  name: string;
  kind: CampaignKind;
  tone: CampaignTone;
  status: CampaignStatus;
  audienceId: string;
  audienceName: string;
  audienceSize: number;
  /**
   * Members who unsubscribed from marketing e-mail, or from the campaign's topic: the
   * campaign skips them.
   */
  audienceUnsubscribed: number;
  /** The subscription topic its e-mail goes out under (see /api/subscription-topics). */
  topicId: string | null;
  topicName: string | null;
  holdoutPercent: number;
  /** The journey that sends it, once launched. */
  journeyId: string | null;
  launchedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const campaignPreviewQuerySchema = z.strictObject({
  /** A member's external id; the first member when omitted. */
  customer: z.string().min(1).max(200).optional(),
});

export interface CampaignPreview {
  customer: { externalId: string; email: string | null };
  subject: string;
  preheader: string;
  html: string;
  text: string;
  /** What the content was filled with (the context the journey's nodes would set). */
  context: Record<string, unknown>;
}

export interface CampaignStats {
  campaignId: string;
  status: CampaignStatus;
  audienceSize: number;
  enrolled: number;
  /** Customers who got the e-mail (outbox rows sent) and who were held out. */
  sent: number;
  heldOut: number;
  /** Customers who unsubscribed through the campaign e-mail's link (and still are). */
  unsubscribed: number;
  /** Customers who marked the campaign e-mail as spam (see NodeStats.complaints). */
  complaints: number;
  /** Customers who opened the campaign e-mail, and who clicked a link in it (NodeStats). */
  opened: number;
  clicked: number;
  /**
   * Still under way: runs not finished plus e-mails waiting to be delivered. At 0 every
   * enrolled customer was sent to, held out, or not sent to (a frequency cap, no address,
   * a delivery that failed): `enrolled - sent - heldOut` of them.
   */
  sending: number;
  /** Orders within the goal window: treated vs held out, with the lift and its 95% interval. */
  conversion: {
    treated: { customers: number; converted: number; rate: number | null };
    heldOut: { customers: number; converted: number; rate: number | null };
    lift: { absolute: number; ci95: [number, number]; relative: number | null } | null;
  };
}

export interface CampaignTemplateView {
  kind: CampaignKind;
  tone: CampaignTone;
  title: string;
  content: CampaignContent;
}
