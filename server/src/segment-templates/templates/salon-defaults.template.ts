import type { Rule, SegmentTemplateView } from '@switchyard/contracts';

/**
 * The default customer groups of a salon/booking shop (seed 003), read from traits the
 * shop keeps up to date (identify). Names and colours are editable afterwards.
 *
 * They overlap (a VIP can also be a revisit target), so they install as segments; the
 * two that split every customer in two (members / non-members) also install as a group.
 * The seed lists "registered within 30 days" under blacklist too; we follow the
 * description (no-shows >= 1) and leave that out.
 */
const isTrue = (attribute: string): Rule => ({ attribute, op: 'eq', value: true });
const member: Rule = { any: [isTrue('prepaid'), isTrue('pass_purchased')] };
const registeredRecently: Rule = { attribute: 'registered_at', op: 'withinLastDays', value: 30 };

export const salonDefaultsTemplate: SegmentTemplateView = {
  key: 'salon_defaults',
  name: 'Salon default groups',
  description:
    'The default groups of a booking shop: members, non-members, new, blacklist, VIP, dormant, revisit targets, birthday this month and first visit.',
  requires: {
    traits: [
      { name: 'prepaid', type: 'boolean', description: 'Ever bought prepaid credit' },
      {
        name: 'pass_purchased',
        type: 'boolean',
        description: 'Ever bought a pass (count or period)',
      },
      {
        name: 'visits',
        type: 'number',
        description: 'Visits with a product sale (not no-show deposits or credit/pass sales)',
      },
      {
        name: 'registered_at',
        type: 'date',
        description: 'When the customer was registered (ISO date)',
      },
      { name: 'no_shows', type: 'number', description: 'Number of no-shows' },
      {
        name: 'net_sales',
        type: 'number',
        description: 'Net sales to the customer, in the shop currency',
      },
      {
        name: 'last_visit_at',
        type: 'date',
        description: 'Date of the last product sale (ISO date)',
      },
      { name: 'birthday', type: 'date', description: 'Date of birth (ISO date)' },
    ],
    events: [],
  },
  segments: [
    {
      key: 'members',
      name: 'Members',
      description: 'Bought prepaid credit or a pass.',
      color: '#4f6bed',
      rule: member,
    },
    {
      key: 'non_members',
      name: 'Non-members',
      description: 'Neither prepaid credit nor a pass.',
      color: '#8b8d98',
      rule: { all: [{ not: isTrue('prepaid') }, { not: isTrue('pass_purchased') }] },
    },
    {
      key: 'new',
      name: 'New',
      description: 'At least one visit, registered within the last 30 days.',
      color: '#30a46c',
      rule: { all: [{ attribute: 'visits', op: 'gte', value: 1 }, registeredRecently] },
    },
    {
      key: 'blacklist',
      name: 'Blacklist',
      description: 'At least one no-show.',
      color: '#1c2024',
      rule: { attribute: 'no_shows', op: 'gte', value: 1 },
    },
    {
      key: 'vip',
      name: 'VIP',
      description: 'Net sales of 1,000,000 or more and at least 10 visits.',
      color: '#8e4ec6',
      rule: {
        all: [
          { attribute: 'net_sales', op: 'gte', value: 1_000_000 },
          { attribute: 'visits', op: 'gte', value: 10 },
        ],
      },
    },
    {
      key: 'dormant',
      name: 'Dormant',
      description: 'Last visit 180 or more days ago.',
      color: '#6f6e77',
      rule: { attribute: 'last_visit_at', op: 'moreThanDaysAgo', value: 180 },
    },
    {
      key: 'revisit_targets',
      name: 'Revisit targets',
      description: 'At least two visits, or the last visit 30 or more days ago.',
      color: '#f76b15',
      rule: {
        any: [
          { attribute: 'visits', op: 'gte', value: 2 },
          { attribute: 'last_visit_at', op: 'moreThanDaysAgo', value: 30 },
        ],
      },
    },
    {
      key: 'birthday_this_month',
      name: 'Birthday this month',
      description: 'Born in the month of the evaluation.',
      color: '#d6409f',
      rule: { attribute: 'birthday', op: 'anniversaryThisMonth' },
    },
    {
      key: 'first_visit',
      name: 'First visit',
      description: 'No visit yet, registered within the last 30 days.',
      color: '#12a594',
      rule: { all: [{ attribute: 'visits', op: 'lte', value: 0 }, registeredRecently] },
    },
  ],
  groups: [
    {
      name: 'Membership',
      description: 'Members and non-members: every customer is exactly one of the two.',
      members: [
        { segment: 'members', growthIsGood: true },
        { segment: 'non_members', growthIsGood: false },
      ],
      fallback: { label: 'Other', color: '#e0e1e6', growthIsGood: false },
    },
  ],
};
