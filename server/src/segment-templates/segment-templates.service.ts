import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  SegmentTemplateView,
  TemplateInstallResult,
  TemplateKey,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
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
  ) {}

  list(): SegmentTemplateView[] {
    return Object.values(segmentTemplates);
  }

  install(workspaceId: string, key: TemplateKey): Promise<TemplateInstallResult> {
    const template = segmentTemplates[key];
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
      return { template: key, segments: segments.map(toSegmentView), groups };
    });
  }
}
