import {
  type CampaignContent,
  type CampaignKind,
  campaignKinds,
  type CampaignTone,
  campaignTones,
  type CampaignTemplateView,
} from '@switchyard/contracts';

/**
 * The content library: for each kind of movement and each tone, a subject, preheader and
 * HTML and text bodies in Handlebars. They are filled per customer by the nodes a launched
 * campaign runs before the e-mail: `context.orders` (order_summary: favourite category,
 * last product, days since the last order) and `context.crossSell` (cross_sell: products
 * bought together with theirs, a personal offer code and the discount).
 */

const NAME = '{{default customer.traits.first_name "there"}}';
const DAYS = '{{pluralise context.orders.daysSinceLastOrder "day"}}';
const CODE = '{{context.crossSell.offerCode}}';
const DISCOUNT = '{{context.crossSell.discountPercent}}%';

interface Copy {
  title: string;
  subject: Record<CampaignTone, string>;
  preheader: string;
  /** The opening paragraph (HTML allowed: values are escaped by Handlebars). */
  opening: string;
  /** What the offer is for. */
  offer: string;
}

const COPY: Record<CampaignKind, Copy> = {
  win_back: {
    title: 'Win back a valued customer (VIP → at risk)',
    subject: {
      friendly: `${NAME}, we saved something for you`,
      premium: `A private offer for you, ${NAME}`,
      urgent: `${NAME}, your ${DISCOUNT} ends this week`,
    },
    preheader: `It has been ${DAYS}{{#if context.orders.favouriteCategory}} since your last {{context.orders.favouriteCategory}} order{{/if}}.`,
    opening: `It has been ${DAYS} since your last order{{#if context.orders.lastProduct}} ({{context.orders.lastProduct}}){{/if}}, and we would love to see you again.`,
    offer: `Here is ${DISCOUNT} off your next order`,
  },
  welcome_vip: {
    title: 'Welcome a new VIP',
    subject: {
      friendly: `Welcome to VIP, ${NAME}!`,
      premium: `${NAME}, you are now one of our VIPs`,
      urgent: `${NAME}, your VIP welcome gift expires soon`,
    },
    preheader: 'Thank you for being one of our best customers.',
    opening:
      'Your orders put you among our best customers{{#if context.orders.favouriteCategory}}, especially in {{context.orders.favouriteCategory}}{{/if}}. Thank you.',
    offer: `As a welcome, ${DISCOUNT} off your next order`,
  },
  reactivation: {
    title: 'Reactivate a churned customer',
    subject: {
      friendly: `We miss you, ${NAME}`,
      premium: `${NAME}, a great deal has changed since your last visit`,
      urgent: `Last chance, ${NAME}: ${DISCOUNT} to come back`,
    },
    preheader: `${DAYS} is a long time. A lot is new.`,
    opening:
      'A lot has changed since you last ordered{{#if context.orders.lastProduct}} your {{context.orders.lastProduct}}{{/if}}.',
    offer: `Come back with ${DISCOUNT} off`,
  },
  nurture: {
    title: 'Nurture a new customer',
    subject: {
      friendly: `Good to have you, ${NAME}`,
      premium: `${NAME}, a few favourites picked for you`,
      urgent: `${NAME}, your first-order offer is waiting`,
    },
    preheader: 'A few things we think you will like.',
    opening: 'Thanks for joining us. Here are a few things other customers love.',
    offer: `Enjoy ${DISCOUNT} off your first order`,
  },
  cross_sell: {
    title: 'Suggest what goes with their last order',
    subject: {
      friendly: `${NAME}, these go well with your {{default context.orders.lastProduct "last order"}}`,
      premium: `Chosen for you, ${NAME}`,
      urgent: `${NAME}, ${DISCOUNT} off these picks, this week only`,
    },
    preheader: 'Customers who bought what you bought also loved these.',
    opening:
      'Customers who bought {{default context.orders.lastProduct "what you bought"}} also loved these.',
    offer: `${DISCOUNT} off any of them`,
  },
};

const SIGN_OFF: Record<CampaignTone, string> = {
  friendly: 'See you soon!',
  premium: 'With our thanks,',
  urgent: 'Hurry: the code is valid for 7 days.',
};

export const DISCOUNT_BY_TONE: Record<CampaignTone, number> = {
  friendly: 10,
  premium: 15,
  urgent: 20,
};

const PRODUCTS_HTML =
  '{{#if context.crossSell.products}}<ul>{{#each context.crossSell.products}}<li>{{name}}</li>{{/each}}</ul>{{/if}}';
/** Every campaign says how to stop getting them (the link is also in List-Unsubscribe). */
const UNSUBSCRIBE_HTML =
  '<p style="font-size:12px;color:#6b7280">Not interested any more? <a href="{{unsubscribe_url}}">Unsubscribe</a>.</p>';
const UNSUBSCRIBE_TEXT = 'Unsubscribe: {{unsubscribe_url}}';
const PRODUCTS_TEXT = '{{#each context.crossSell.products}}- {{name}}\n{{/each}}';

export function campaignContent(kind: CampaignKind, tone: CampaignTone): CampaignContent {
  const copy = COPY[kind];
  const html = [
    `<p>Hi ${NAME},</p>`,
    `<p>${copy.opening}</p>`,
    PRODUCTS_HTML,
    `<p>${copy.offer} with code <strong>${CODE}</strong>.</p>`,
    `<p>${SIGN_OFF[tone]}</p>`,
    UNSUBSCRIBE_HTML,
  ].join('\n');
  const text = [
    `Hi ${NAME},`,
    '',
    copy.opening,
    '',
    PRODUCTS_TEXT,
    `${copy.offer} with code ${CODE}.`,
    '',
    SIGN_OFF[tone],
    '',
    UNSUBSCRIBE_TEXT,
  ].join('\n');
  return { subject: copy.subject[tone], preheader: copy.preheader, html, text };
}

export function campaignTemplates(): CampaignTemplateView[] {
  return campaignKinds.flatMap((kind) =>
    campaignTones.map((tone) => ({
      kind,
      tone,
      title: COPY[kind].title,
      content: campaignContent(kind, tone),
    })),
  );
}

/** The bucket a movement starts or ends in, as the kind suggestion needs it. */
export interface MovementEnd {
  label: string;
  growthIsGood: boolean;
}

/**
 * The kind a movement calls for: new customers are nurtured; reaching a VIP bucket is a
 * welcome; falling into a churned / lapsed / inactive bucket is a reactivation; any other
 * move into a bucket whose growth is bad is a win-back; everything else a cross-sell.
 */
export function suggestKind(from: MovementEnd | null, to: MovementEnd | null): CampaignKind {
  if (!to) return 'cross_sell';
  if (!from) return 'nurture';
  const vip = /\bvip\b/i;
  if (vip.test(to.label) && !vip.test(from.label) && to.growthIsGood) return 'welcome_vip';
  if (/churn|lapsed|lost|inactive|hibernat|dormant/i.test(to.label)) return 'reactivation';
  if (!to.growthIsGood) return 'win_back';
  return 'cross_sell';
}
