import type {
  NumericOp,
  NumericValue,
  SegmentTemplateView,
  TemplateGroup,
  TemplateSegment,
} from '@switchyard/contracts';
import { daysSinceLastOrder, orderCount, orderEventRequirement } from './order-rules.util.js';

/**
 * Twelve behavioural lifecycle groups from purchase frequency x recency (seed 004: Tresl
 * Segments builds its lifecycle view from 12 such groups; it names "loyal", "repeat",
 * "new/one-time" but not the cut-offs, so these are ours):
 *
 * - frequency (orders up to the as-of time): one-time = 1, repeat = 2-3, loyal = 4+
 * - recency (days since the last order): active <= 30, warm 31-90, at risk 91-180,
 *   lapsed > 180
 *
 * The cells do not overlap; customers without orders fall through.
 */
const frequencies: { key: string; name: string; op: NumericOp; value: NumericValue }[] = [
  { key: 'loyal', name: 'Loyal', op: 'gte', value: 4 },
  { key: 'repeat', name: 'Repeat', op: 'between', value: [2, 3] },
  { key: 'one_time', name: 'One-time', op: 'eq', value: 1 },
];

const recencies: {
  key: string;
  name: string;
  op: NumericOp;
  value: NumericValue;
  growthIsGood: boolean;
  text: string;
}[] = [
  {
    key: 'active',
    name: 'Active',
    op: 'lte',
    value: 30,
    growthIsGood: true,
    text: 'within 30 days',
  },
  {
    key: 'warm',
    name: 'Warm',
    op: 'between',
    value: [31, 90],
    growthIsGood: true,
    text: '31-90 days ago',
  },
  {
    key: 'at_risk',
    name: 'At risk',
    op: 'between',
    value: [91, 180],
    growthIsGood: false,
    text: '91-180 days ago',
  },
  {
    key: 'lapsed',
    name: 'Lapsed',
    op: 'gt',
    value: 180,
    growthIsGood: false,
    text: 'more than 180 days ago',
  },
];

const palette: Record<string, string[]> = {
  loyal: ['#2b9a66', '#46a758', '#e5484d', '#8b8d98'],
  repeat: ['#0090ff', '#3e63dd', '#f76b15', '#6f6e77'],
  one_time: ['#12a594', '#8e4ec6', '#ffc53d', '#b9bbc6'],
};

const frequencyText: Record<string, string> = {
  loyal: '4 or more orders',
  repeat: '2-3 orders',
  one_time: 'one order',
};

const segments: TemplateSegment[] = frequencies.flatMap((fq) =>
  recencies.map((rc, i) => ({
    key: `${fq.key}_${rc.key}`,
    name: `${fq.name} · ${rc.name}`,
    description: `${frequencyText[fq.key]}; last order ${rc.text}.`,
    color: palette[fq.key]?.[i] ?? '#8b8d98',
    rule: { all: [orderCount(fq.op, fq.value), daysSinceLastOrder(rc.op, rc.value)] },
  })),
);

const group: TemplateGroup = {
  name: 'Frequency x recency',
  description: 'Twelve groups: one-time, repeat and loyal buyers by how recently they ordered.',
  members: frequencies.flatMap((fq) =>
    recencies.map((rc) => ({ segment: `${fq.key}_${rc.key}`, growthIsGood: rc.growthIsGood })),
  ),
  fallback: { label: 'No orders yet', color: '#e0e1e6', growthIsGood: true },
};

export const frequencyRecencyTemplate: SegmentTemplateView = {
  key: 'frequency_recency',
  name: 'Frequency x recency',
  description:
    'Twelve behavioural lifecycle groups: one-time, repeat (2-3) and loyal (4+) buyers, each active, warm, at risk or lapsed by days since their last order.',
  requires: { traits: [], events: [orderEventRequirement] },
  segments,
  groups: [group],
};
