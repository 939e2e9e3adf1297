import type {
  NumericOp,
  NumericValue,
  RfmMetric,
  Rule,
  SegmentTemplateView,
} from '@switchyard/contracts';
import { orderEventRequirement } from './order-rules.util.js';

/** An RFM score condition (1-5, quintiles over the workspace's buyers; see the rule language). */
function score(metric: RfmMetric, op: NumericOp, value: NumericValue): Rule {
  return { rfm: metric, op, value };
}

const r = (op: NumericOp, value: NumericValue) => score('recency', op, value);
const f = (op: NumericOp, value: NumericValue) => score('frequency', op, value);

/**
 * The eleven standard RFM groups on the recency x frequency score map (R first, F second):
 *
 *   R\F   1          2-3                 4-5
 *   5     New        Potential loyalist  Champions
 *   4     Promising  Potential loyalist  Loyal
 *   3     About to sleep (F 1-2), Need attention (F 3)   Loyal
 *   1-2   Hibernating (F 1-2; Lost: R 1, F 1), At risk (F 3-4), Can't lose them (F 5)
 *
 * The cells do not overlap except Lost inside Hibernating, so Lost is listed first. Every
 * customer with an order has scores and lands in one group; the rest fall through.
 */
export const rfmTemplate: SegmentTemplateView = {
  key: 'rfm',
  name: 'RFM',
  description:
    'Recency, frequency and monetary scores (1-5, quintiles of your buyers) mapped to the eleven standard RFM groups, from Champions to Lost.',
  requires: { traits: [], events: [orderEventRequirement] },
  segments: [
    {
      key: 'champions',
      name: 'Champions',
      description: 'Bought most recently and most often (R 5, F 4-5).',
      color: '#30a46c',
      rule: { all: [r('eq', 5), f('gte', 4)] },
    },
    {
      key: 'loyal',
      name: 'Loyal',
      description: 'Buy often and fairly recently (R 3-4, F 4-5).',
      color: '#46a758',
      rule: { all: [r('between', [3, 4]), f('gte', 4)] },
    },
    {
      key: 'potential_loyalist',
      name: 'Potential Loyalist',
      description: 'Recent customers with a few orders (R 4-5, F 2-3).',
      color: '#0090ff',
      rule: { all: [r('gte', 4), f('between', [2, 3])] },
    },
    {
      key: 'new_customers',
      name: 'New Customers',
      description: 'Bought very recently, rarely so far (R 5, F 1).',
      color: '#12a594',
      rule: { all: [r('eq', 5), f('eq', 1)] },
    },
    {
      key: 'promising',
      name: 'Promising',
      description: 'Recent, rarely so far (R 4, F 1).',
      color: '#3e63dd',
      rule: { all: [r('eq', 4), f('eq', 1)] },
    },
    {
      key: 'need_attention',
      name: 'Need Attention',
      description: 'Average recency and frequency (R 3, F 3).',
      color: '#ffc53d',
      rule: { all: [r('eq', 3), f('eq', 3)] },
    },
    {
      key: 'about_to_sleep',
      name: 'About to Sleep',
      description: 'Below-average recency, few orders (R 3, F 1-2).',
      color: '#f76b15',
      rule: { all: [r('eq', 3), f('lte', 2)] },
    },
    {
      key: 'at_risk',
      name: 'At Risk',
      description: 'Bought often, but long ago (R 1-2, F 3-4).',
      color: '#e5484d',
      rule: { all: [r('lte', 2), f('between', [3, 4])] },
    },
    {
      key: 'cant_lose_them',
      name: "Can't Lose Them",
      description: 'Made the most orders, but long ago (R 1-2, F 5).',
      color: '#ce2c31',
      rule: { all: [r('lte', 2), f('eq', 5)] },
    },
    {
      key: 'lost',
      name: 'Lost',
      description: 'Lowest recency and frequency (R 1, F 1).',
      color: '#6f6e77',
      rule: { all: [r('eq', 1), f('eq', 1)] },
    },
    {
      key: 'hibernating',
      name: 'Hibernating',
      description: 'Last order long ago, few orders (R 1-2, F 1-2; not Lost).',
      color: '#8b8d98',
      rule: { all: [r('lte', 2), f('lte', 2)] },
    },
  ],
  groups: [
    {
      name: 'RFM',
      description: 'The eleven RFM groups; customers without orders have no scores.',
      members: [
        { segment: 'champions', growthIsGood: true },
        { segment: 'loyal', growthIsGood: true },
        { segment: 'potential_loyalist', growthIsGood: true },
        { segment: 'new_customers', growthIsGood: true },
        { segment: 'promising', growthIsGood: true },
        { segment: 'need_attention', growthIsGood: false },
        { segment: 'about_to_sleep', growthIsGood: false },
        { segment: 'at_risk', growthIsGood: false },
        { segment: 'cant_lose_them', growthIsGood: false },
        { segment: 'lost', growthIsGood: false },
        { segment: 'hibernating', growthIsGood: false },
      ],
      fallback: { label: 'No orders yet', color: '#b9bbc6', growthIsGood: true },
    },
  ],
};
