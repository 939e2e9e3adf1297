import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AssociationRuleView,
  Rule,
  SegmentTemplateView,
  TemplateInstallResult,
  TemplateKey,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { AssociationRulesRepository } from '../recommendations/association-rules.repository.js';
import { toGroupView } from '../segment-groups/segment-group-view.mapper.js';
import { SegmentGroupsService } from '../segment-groups/segment-groups.service.js';
import { SegmentEntity } from '../segments/segment.entity.js';
import { toSegmentView } from '../segments/segments.service.js';
import { segmentTemplates } from './segment-templates.registry.js';

/** Lists the built-in templates and installs one: its segments and groups, in one transaction. */
@Injectable()
export class SegmentTemplatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly groups: SegmentGroupsService,
    private readonly rules: AssociationRulesRepository,
  ) {}

  list(): SegmentTemplateView[] {
    return Object.values(segmentTemplates);
  }

  async install(
    workspaceId: string,
    key: TemplateKey,
    given: Record<string, string> = {},
  ): Promise<TemplateInstallResult> {
    const parameters = await this.parameterValues(workspaceId, segmentTemplates[key], given);
    const template = withParameters(segmentTemplates[key], parameters);
    return this.db.transaction(async (em) => {
      const repository = em.getRepository(SegmentEntity);
      const ids = new Map<string, string>();
      const segments: SegmentEntity[] = [];
      for (const s of template.segments) {
        const saved = await repository.save(
          repository.create({
            workspaceId,
            name: s.name,
            description: s.description,
            color: s.color,
            rule: s.rule,
          }),
        );
        ids.set(s.key, saved.id);
        segments.push(saved);
      }
      const groups = [];
      for (const g of template.groups) {
        const group = await this.groups.createIn(em, workspaceId, {
          name: g.name,
          description: g.description,
          fallback: g.fallback,
          members: g.members.map((m) => {
            const segmentId = ids.get(m.segment);
            if (!segmentId)
              throw new Error(`template ${key}: group member ${m.segment} is not a segment`);
            return {
              segmentId,
              growthIsGood: m.growthIsGood,
              ...(m.label ? { label: m.label } : {}),
            };
          }),
        });
        groups.push(toGroupView(group));
      }
      return { template: key, parameters, segments: segments.map(toSegmentView), groups };
    });
  }

  /** The template's parameters: given, else defaulted, else a 400 naming what is missing. */
  private async parameterValues(
    workspaceId: string,
    template: SegmentTemplateView,
    given: Record<string, string>,
  ): Promise<Record<string, string>> {
    const wanted = template.parameters ?? [];
    const unknown = Object.keys(given).filter((k) => !wanted.some((p) => p.name === k));
    const values: Record<string, string> = {};
    const missing: string[] = [];
    // The strongest rule is read once, whatever the number of parameters it fills.
    let strongest: Promise<AssociationRuleView | undefined> | undefined;
    for (const parameter of wanted) {
      let value = given[parameter.name];
      if (value === undefined && parameter.default === 'strongest_association_rule') {
        strongest ??= this.strongestRule(workspaceId);
        const rule = await strongest;
        if (rule)
          value =
            parameter.name === 'bought' ? rule.antecedent.productId : rule.consequent.productId;
      }
      if (value === undefined) missing.push(parameter.name);
      else values[parameter.name] = value;
    }
    const issues = [
      ...unknown.map((k) => ({
        field: `parameters.${k}`,
        message: 'is not a parameter of this template',
      })),
      ...missing.map((k) => ({
        field: `parameters.${k}`,
        message: 'is required (there is no association rule to take it from yet)',
      })),
    ];
    if (issues.length > 0)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
        issues,
      });
    return values;
  }

  /** The strongest rule X → Y (highest lift, then confidence): "bought" X, "notBought" Y. */
  private async strongestRule(workspaceId: string): Promise<AssociationRuleView | undefined> {
    const list = await this.rules.list(workspaceId, { minConfidence: 0, minLift: 0, limit: 1 });
    return list.rules[0];
  }
}

/** `$name` replaced by the parameter's value in names, descriptions and rule values. */
function withParameters(
  template: SegmentTemplateView,
  values: Record<string, string>,
): SegmentTemplateView {
  if (Object.keys(values).length === 0) return template;
  const fill = (text: string) =>
    Object.entries(values).reduce((t, [k, v]) => t.replaceAll(`$${k}`, v), text);
  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return fill(value);
    if (Array.isArray(value)) return value.map(deep);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v)]));
    return value;
  };
  return {
    ...template,
    segments: template.segments.map((s) => ({
      ...s,
      name: fill(s.name).slice(0, 200),
      description: fill(s.description),
      rule: deep(s.rule) as Rule,
    })),
  };
}
