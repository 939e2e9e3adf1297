import { Injectable, Logger } from '@nestjs/common';
import { journeySettingsSchema, type CreateSegmentBody } from '@switchyard/contracts';
import { JourneyPublishService } from '../journeys/journey-publish.service.js';
import { JourneysService } from '../journeys/journeys.service.js';
import { GroupEvaluatorService } from '../segment-groups/evaluation/group-evaluator.service.js';
import { SegmentTemplatesService } from '../segment-templates/segment-templates.service.js';
import { WorkspaceEvaluationService } from '../segments/evaluation/workspace-evaluation.service.js';
import { SegmentsService } from '../segments/segments.service.js';
import { DemoDataService } from './demo-data/demo-data.service.js';
import { winBackJourney } from './demo-data/demo-journey.js';

const DEMO_SEGMENTS = {
  active: {
    name: 'Active buyers',
    description: 'Ordered at least once in the last 60 days.',
    color: '#30a46c',
    rule: {
      event: 'Order Completed',
      aggregate: { fn: 'count' },
      op: 'gte',
      value: 1,
      window: { lastDays: 60 },
    },
  },
  vip: {
    name: 'All-time VIP',
    description: 'At least 4 orders and 500 spent, all time.',
    color: '#8e4ec6',
    rule: {
      all: [
        { event: 'Order Completed', aggregate: { fn: 'count' }, op: 'gte', value: 4 },
        {
          event: 'Order Completed',
          aggregate: { fn: 'sum', property: 'total' },
          op: 'gte',
          value: 500,
        },
      ],
    },
  },
  lapsed: {
    name: 'Lapsed',
    description: 'Bought before, nothing in the last 90 days.',
    color: '#e5484d',
    rule: { event: 'Order Completed', measure: 'daysSinceLast', op: 'gt', value: 90 },
  },
  newThisMonth: {
    name: 'New this month',
    description: 'First order in the last 30 days.',
    color: '#0090ff',
    rule: { event: 'Order Completed', measure: 'daysSinceFirst', op: 'lte', value: 30 },
  },
} satisfies Record<string, CreateSegmentBody>;

/**
 * The demo workspace of a first start: a synthetic shop with a year of orders, four
 * segments, the lifecycle template (seed 000) with monthly snapshots, and a live win-back
 * journey on leaving "Active buyers". Segments are evaluated as of now after the journey
 * is live, so only future moves start it.
 */
@Injectable()
export class DemoWorkspaceSeeder {
  private readonly logger = new Logger(DemoWorkspaceSeeder.name);

  constructor(
    private readonly demoData: DemoDataService,
    private readonly segments: SegmentsService,
    private readonly journeys: JourneysService,
    private readonly publisher: JourneyPublishService,
    private readonly evaluations: WorkspaceEvaluationService,
    private readonly templates: SegmentTemplatesService,
    private readonly groupEvaluator: GroupEvaluatorService,
  ) {}

  async seed(workspaceId: string): Promise<string> {
    const started = Date.now();
    const report = await this.demoData.load(workspaceId);
    const created = new Map<keyof typeof DEMO_SEGMENTS, string>();
    for (const [key, body] of Object.entries(DEMO_SEGMENTS) as [
      keyof typeof DEMO_SEGMENTS,
      CreateSegmentBody,
    ][]) {
      created.set(key, (await this.segments.create(workspaceId, body)).id);
    }
    const winBack = winBackJourney({
      active: created.get('active') as string,
      vip: created.get('vip') as string,
    });
    const journey = await this.journeys.create(workspaceId, {
      name: 'Win back lapsing buyers',
      description:
        'When someone stops being an active buyer, wait 3 days: VIPs get a personal offer, the others a comeback code, with a 10% holdout to measure the lift. Goal: an order within 14 days.',
      graph: winBack.graph,
      settings: journeySettingsSchema.parse(winBack.settings),
    });
    await this.publisher.publish(workspaceId, journey.id);
    // The seed-000 lifecycle groups, with a monthly history so movement shows at once.
    const lifecycle = await this.templates.install(workspaceId, 'lifecycle');
    const now = new Date();
    for (const group of lifecycle.groups) {
      for (const monthsAgo of [3, 2, 1, 0]) {
        const asOf = new Date(
          Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, now.getUTCDate()),
        );
        await this.groupEvaluator.evaluate(workspaceId, group.id, monthsAgo === 0 ? now : asOf);
      }
    }
    const evaluation = await this.evaluations.evaluateSegments(workspaceId, now);
    const members = evaluation.segments.map((s) => s.members).join('/');
    const summary = `${report.customersUpserted} customers, ${report.eventsInserted} events, ${evaluation.segments.length} segments (${members} members), the lifecycle group with 4 monthly snapshots, 1 live journey`;
    this.logger.log(`demo workspace seeded in ${Date.now() - started} ms: ${summary}`);
    return summary;
  }
}
