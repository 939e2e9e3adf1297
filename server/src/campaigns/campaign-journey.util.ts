import type { CampaignView, JourneyGraph, JourneySettingsInput } from '@switchyard/contracts';
import { DISCOUNT_BY_TONE } from './campaign-library.js';

/** What the launched journey's cross-sell node offers (the preview uses the same). */
export const CAMPAIGN_OFFER = { count: 3, minConfidence: 0.1 } as const;

/** Days after the send in which an order counts as a conversion. */
export const CAMPAIGN_GOAL_DAYS = 14;

const CODE_PREFIX: Record<CampaignView['kind'], string> = {
  win_back: 'BACK',
  welcome_vip: 'VIP',
  reactivation: 'RETURN',
  nurture: 'HELLO',
  cross_sell: 'XSELL',
};

/**
 * The journey a campaign launches: everyone in the audience, once (audience broadcast);
 * a random holdout that gets nothing when asked for; then the order summary and cross-sell
 * offer that fill the content, and the e-mail. Conversions are orders within 14 days.
 */
export function campaignJourney(campaign: CampaignView): {
  graph: JourneyGraph;
  settings: JourneySettingsInput;
} {
  const at = (y: number) => ({ x: 0, y: y * 140 });
  const split = campaign.holdoutPercent > 0;
  const html = campaign.preheader
    ? `<div style="display:none;max-height:0;overflow:hidden">${campaign.preheader}</div>\n${campaign.html}`
    : campaign.html;
  const nodes: JourneyGraph['nodes'] = [
    {
      id: 'trigger',
      type: 'trigger',
      position: at(0),
      config: { kind: 'audience_broadcast', audienceId: campaign.audienceId },
    },
    ...(split
      ? [
          {
            id: 'split',
            type: 'random_split',
            label: 'Send or hold out',
            position: at(1),
            config: {
              branches: [{ key: 'send', label: 'Send', percent: 100 - campaign.holdoutPercent }],
              holdoutPercent: campaign.holdoutPercent,
            },
          },
        ]
      : []),
    { id: 'orders', type: 'order_summary', label: 'Order summary', position: at(2), config: {} },
    {
      id: 'offer',
      type: 'cross_sell',
      label: 'Offer',
      position: at(3),
      config: {
        ...CAMPAIGN_OFFER,
        offerPrefix: CODE_PREFIX[campaign.kind],
        discountPercent: DISCOUNT_BY_TONE[campaign.tone],
      },
    },
    {
      id: 'mail',
      type: 'send_email',
      label: campaign.name.slice(0, 80),
      position: at(4),
      config: {
        to: '{{customer.traits.email}}',
        subject: campaign.subject,
        html,
        ...(campaign.text ? { text: campaign.text } : {}),
        ...(campaign.topicId ? { topic: campaign.topicId } : {}),
      },
    },
  ];
  const edges: JourneyGraph['edges'] = [
    split
      ? { id: 'e_trigger_split', source: 'trigger', target: 'split' }
      : { id: 'e_trigger_orders', source: 'trigger', target: 'orders' },
    ...(split
      ? [{ id: 'e_split_orders', source: 'split', sourceHandle: 'send', target: 'orders' }]
      : []),
    { id: 'e_orders_offer', source: 'orders', target: 'offer' },
    { id: 'e_offer_mail', source: 'offer', sourceHandle: 'found', target: 'mail' },
    { id: 'e_none_mail', source: 'offer', sourceHandle: 'none', target: 'mail' },
  ];
  return {
    graph: { nodes, edges },
    settings: {
      reentry: { mode: 'never' },
      goal: { event: 'Order Completed', withinDays: CAMPAIGN_GOAL_DAYS },
      exit: { onSegmentExit: false, onGoal: false },
    },
  };
}
