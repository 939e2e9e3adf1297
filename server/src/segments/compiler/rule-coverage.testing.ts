import {
  aggregateFns,
  attributeOps,
  classifyRule,
  eventMeasures,
  locationLevels,
  locationOps,
  numericOps,
  rfmMetrics,
  ruleKinds,
  type EventWindow,
  type NumericOp,
  type Rule,
} from '@switchyard/contracts';

/**
 * What a property test exercised: rule kinds, operators per value type, aggregate
 * functions, windows, RFM metrics. `missingCoverage` lists what never appeared.
 */
const TYPE_OF_FIELD: Readonly<Record<string, string>> = {
  plan: 'string',
  age: 'number',
  vip: 'boolean',
  signup: 'date',
  tags: 'list',
  category: 'string',
  total: 'number',
  gift: 'boolean',
  at: 'date',
  items: 'list',
};
const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'list'];

export const REQUIRED_COVERAGE: readonly string[] = [
  ...ruleKinds.map((k) => `kind:${k}`),
  ...FIELD_TYPES.flatMap((t) => attributeOps.map((op) => `attribute:${t}:${op}`)),
  ...FIELD_TYPES.map((t) => `property:${t}`),
  ...attributeOps.map((op) => `property-op:${op}`),
  ...locationLevels.flatMap((l) => locationOps.map((op) => `location:${l}:${op}`)),
  ...aggregateFns.map((fn) => `aggregate:${fn}`),
  ...eventMeasures.map((m) => `measure:${m}`),
  ...['none', 'lastDays', 'range'].map((w) => `window:${w}`),
  ...numericOps.map((op) => `numeric:${op}`),
  ...rfmMetrics.flatMap((m) => [`rfm:${m}`, `rfm:${m}:event`]),
  ...numericOps.map((op) => `rfm-op:${op}`),
  'never:window',
  'never:where',
  'segment:nested',
  'random:0',
  'random:100',
];

export class RuleCoverage {
  readonly counts = new Map<string, number>();

  add(rule: Rule, insideSegment = false): void {
    const node = classifyRule(rule);
    this.hit(`kind:${node.kind}`);
    switch (node.kind) {
      case 'all':
      case 'any':
        for (const child of node.children) this.add(child, insideSegment);
        return;
      case 'not':
        this.add(node.child, insideSegment);
        return;
      case 'attribute':
        this.hit(`attribute:${TYPE_OF_FIELD[node.condition.attribute]}:${node.condition.op}`);
        return;
      case 'location':
        this.hit(`location:${node.condition.location}:${node.condition.op}`);
        return;
      case 'eventAggregate': {
        const c = node.condition;
        this.hit(`aggregate:${c.aggregate.fn}`);
        this.numeric(c.op);
        this.window(c.window);
        this.filters(c.where);
        return;
      }
      case 'eventMeasure':
        this.hit(`measure:${node.condition.measure}`);
        this.numeric(node.condition.op);
        this.filters(node.condition.where);
        return;
      case 'eventNever':
        if (node.condition.window) this.hit('never:window');
        if (node.condition.where) this.hit('never:where');
        this.filters(node.condition.where);
        return;
      case 'segment':
        if (insideSegment) this.hit('segment:nested');
        return;
      case 'rfm':
        this.hit(`rfm:${node.condition.rfm}`);
        if (node.condition.event) this.hit(`rfm:${node.condition.rfm}:event`);
        this.hit(`rfm-op:${node.condition.op}`);
        return;
      case 'random':
        if (node.condition.random.percent === 0) this.hit('random:0');
        if (node.condition.random.percent === 100) this.hit('random:100');
        return;
      default: {
        const never: never = node;
        throw new Error(`unknown rule ${JSON.stringify(never)}`);
      }
    }
  }

  missing(): string[] {
    return REQUIRED_COVERAGE.filter((key) => !this.counts.has(key));
  }

  private hit(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  private numeric(op: NumericOp): void {
    this.hit(`numeric:${op}`);
  }

  private window(window: EventWindow | undefined): void {
    this.hit(`window:${!window ? 'none' : 'lastDays' in window ? 'lastDays' : 'range'}`);
  }

  private filters(where: { property: string; op: string }[] | undefined): void {
    for (const f of where ?? []) {
      this.hit(`property:${TYPE_OF_FIELD[f.property]}`);
      this.hit(`property-op:${f.op}`);
    }
  }
}
