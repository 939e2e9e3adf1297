import type { SegmentTemplateView } from '@switchyard/contracts';
import {
  daysSinceFirstOrder,
  daysSinceLastOrder,
  orderCount,
  orderEventRequirement,
  orderSpend,
} from './order-rules.util.js';

/**
 * The six lifecycle groups of the movement view (seed 000). Active: VIP, new good,
 * growth potential (growth is good). Inactive: at-risk VIP, hibernation warning, churned
 * (growth is bad). The thresholds are ours and meant to be edited:
 *
 * - VIP: 4+ orders and 300+ spent in the last 365 days, last order within 90 days.
 * - At-risk VIP: the same value, but the last order is more than 90 days old.
 * - New good: first order within the last 90 days and already a second order.
 * - Growth potential: any other customer who ordered within the last 90 days.
 * - Hibernation warning: last order 91-180 days ago.
 * - Churned: last order more than 180 days ago.
 * - Fallback "No orders yet": known customers who never ordered.
 */
const valuable = [orderCount('gte', 4, 365), orderSpend('gte', 300, 365)];

export const lifecycleTemplate: SegmentTemplateView = {
  key: 'lifecycle',
  name: 'Customer lifecycle',
  description:
    'Six lifecycle stages from order history: VIP, at-risk VIP, new good, growth potential, hibernation warning and churned. Compare two dates to see who moved where.',
  requires: { traits: [], events: [orderEventRequirement] },
  segments: [
    {
      key: 'vip',
      name: 'VIP',
      description: '4+ orders and 300+ spent in the last 365 days; ordered within 90 days.',
      color: '#8e4ec6',
      rule: { all: [...valuable, daysSinceLastOrder('lte', 90)] },
    },
    {
      key: 'at_risk_vip',
      name: 'At-risk VIP',
      description: 'VIP value in the last 365 days, but no order in the last 90 days.',
      color: '#e5484d',
      rule: { all: [...valuable, daysSinceLastOrder('gt', 90)] },
    },
    {
      key: 'new_good',
      name: 'New good customers',
      description: 'First order within the last 90 days and at least two orders.',
      color: '#30a46c',
      rule: { all: [daysSinceFirstOrder('lte', 90), orderCount('gte', 2)] },
    },
    {
      key: 'growth_potential',
      name: 'Growth potential',
      description: 'Ordered within the last 90 days (not VIP, not new good).',
      color: '#0090ff',
      rule: daysSinceLastOrder('lte', 90),
    },
    {
      key: 'hibernation_warning',
      name: 'Hibernation warning',
      description: 'Last order 91 to 180 days ago.',
      color: '#f76b15',
      rule: daysSinceLastOrder('between', [91, 180]),
    },
    {
      key: 'churned',
      name: 'Churned',
      description: 'Last order more than 180 days ago.',
      color: '#6f6e77',
      rule: daysSinceLastOrder('gt', 180),
    },
  ],
  groups: [
    {
      name: 'Customer lifecycle',
      description: 'First match wins, top to bottom; customers without orders fall through.',
      members: [
        { segment: 'vip', growthIsGood: true },
        { segment: 'at_risk_vip', growthIsGood: false },
        { segment: 'new_good', growthIsGood: true },
        { segment: 'growth_potential', growthIsGood: true },
        { segment: 'hibernation_warning', growthIsGood: false },
        { segment: 'churned', growthIsGood: false },
      ],
      fallback: { label: 'No orders yet', color: '#b9bbc6', growthIsGood: true },
    },
  ],
};
