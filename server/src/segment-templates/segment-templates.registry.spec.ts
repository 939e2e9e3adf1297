import { randomUUID } from 'node:crypto';
import {
  boundedRuleSchema,
  classifyRule,
  createSegmentGroupBodySchema,
  createSegmentBodySchema,
  type Rule,
  templateKeys,
} from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { segmentTemplates } from './segment-templates.registry.js';

/** Trait and event names a rule reads. */
function reads(rule: Rule): { traits: string[]; events: string[] } {
  const node = classifyRule(rule);
  switch (node.kind) {
    case 'all':
    case 'any': {
      const parts = node.children.map(reads);
      return {
        traits: parts.flatMap((p) => p.traits),
        events: parts.flatMap((p) => p.events),
      };
    }
    case 'not':
      return reads(node.child);
    case 'attribute':
      return { traits: [node.condition.attribute], events: [] };
    case 'eventAggregate':
    case 'eventMeasure':
    case 'eventNever':
      return { traits: [], events: [node.condition.event] };
    case 'rfm':
      return { traits: [], events: [node.condition.event ?? 'Order Completed'] };
    case 'location':
    case 'segment':
    case 'random':
      return { traits: [], events: [] };
    default: {
      const never: never = node;
      throw new Error(`unknown rule ${JSON.stringify(never)}`);
    }
  }
}

describe('built-in segment templates', () => {
  it('has one template per key', () => {
    expect(Object.keys(segmentTemplates).sort()).toEqual([...templateKeys].sort());
    for (const [key, template] of Object.entries(segmentTemplates)) expect(template.key).toBe(key);
  });

  it('has the documented groups', () => {
    const members = (key: keyof typeof segmentTemplates) =>
      segmentTemplates[key].groups[0]?.members.length;
    expect(members('lifecycle')).toBe(6);
    expect(members('rfm')).toBe(11);
    expect(members('frequency_recency')).toBe(12);
    expect(segmentTemplates.salon_defaults.segments.map((s) => s.key)).toEqual([
      'members',
      'non_members',
      'new',
      'blacklist',
      'vip',
      'dormant',
      'revisit_targets',
      'birthday_this_month',
      'first_visit',
    ]);
    expect(segmentTemplates.rfm.segments.map((s) => s.name)).toEqual([
      'Champions',
      'Loyal',
      'Potential Loyalist',
      'New Customers',
      'Promising',
      'Need Attention',
      'About to Sleep',
      'At Risk',
      "Can't Lose Them",
      'Lost',
      'Hibernating',
    ]);
  });

  for (const template of Object.values(segmentTemplates)) {
    describe(template.key, () => {
      it('every segment is a valid create body (rules parse with boundedRuleSchema)', () => {
        for (const s of template.segments) {
          const rule = boundedRuleSchema.safeParse(s.rule);
          expect(rule.success, `${s.key}: ${JSON.stringify(rule.error?.issues)}`).toBe(true);
          expect(rule.data).toEqual(s.rule);
          const body = createSegmentBodySchema.safeParse({
            name: s.name,
            description: s.description,
            color: s.color,
            rule: s.rule,
          });
          expect(body.success, `${s.key}: ${JSON.stringify(body.error?.issues)}`).toBe(true);
        }
      });

      it('segment keys are unique and every group is a valid group body', () => {
        const ids = new Map(template.segments.map((s) => [s.key, randomUUID()]));
        expect(ids.size).toBe(template.segments.length);
        for (const group of template.groups) {
          const body = createSegmentGroupBodySchema.safeParse({
            name: group.name,
            description: group.description,
            fallback: group.fallback,
            members: group.members.map((m) => ({
              segmentId: ids.get(m.segment),
              growthIsGood: m.growthIsGood,
            })),
          });
          expect(body.success, `${group.name}: ${JSON.stringify(body.error?.issues)}`).toBe(true);
        }
      });

      it('lists every trait and event its rules read', () => {
        const traits = new Set(template.requires.traits.map((t) => t.name));
        const events = new Set(template.requires.events.map((e) => e.name));
        for (const s of template.segments) {
          const used = reads(s.rule);
          for (const t of used.traits) expect(traits, `${s.key} reads trait ${t}`).toContain(t);
          for (const e of used.events) expect(events, `${s.key} reads event ${e}`).toContain(e);
        }
      });
    });
  }
});
