import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CampaignStats, CampaignView } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, selectOne } from '../database/sql.util.js';
import { JourneyPublishService } from '../journeys/journey-publish.service.js';
import { JourneyStatsService } from '../journeys/journey-stats.service.js';
import { JourneysService } from '../journeys/journeys.service.js';
import { campaignJourney } from './campaign-journey.util.js';
import { CampaignsRepository } from './campaigns.repository.js';

/**
 * Launching runs the campaign through the journey engine: a journey (audience broadcast,
 * holdout, order summary, offer, e-mail) is created and published, which enrolls every
 * member once with the engine's durability. A campaign launches once.
 */
@Injectable()
export class CampaignLaunchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly campaigns: CampaignsRepository,
    private readonly journeys: JourneysService,
    private readonly publisher: JourneyPublishService,
    private readonly stats: JourneyStatsService,
  ) {}

  async launch(workspaceId: string, id: string): Promise<CampaignView> {
    const campaign = await this.campaigns.get(workspaceId, id);
    // Claim the launch first: of two concurrent launches one gets the row.
    const claimed = await execute(
      this.db,
      `UPDATE campaigns SET status = 'launched', launched_at = now(), updated_at = now()
        WHERE id = $1 AND workspace_id = $2 AND status = 'draft'`,
      [id, workspaceId],
    );
    if (claimed === 0)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: 'the campaign is already launched',
      });
    try {
      const { graph, settings } = campaignJourney(campaign);
      const journey = await this.journeys.create(workspaceId, {
        name: `Campaign: ${campaign.name}`.slice(0, 200),
        description: `Sends campaign ${campaign.id} to audience "${campaign.audienceName}".`,
        graph,
        settings: settings as never,
      });
      await this.campaigns.markLaunched(this.db, id, journey.id);
      await this.publisher.publish(workspaceId, journey.id);
    } catch (error) {
      await execute(
        this.db,
        `UPDATE campaigns SET status = 'draft', launched_at = NULL WHERE id = $1 AND journey_id IS NULL`,
        [id],
      );
      throw error;
    }
    return this.campaigns.get(workspaceId, id);
  }

  async campaignStats(workspaceId: string, id: string): Promise<CampaignStats> {
    const campaign = await this.campaigns.get(workspaceId, id);
    const empty = { customers: 0, converted: 0, rate: null };
    if (!campaign.journeyId)
      return {
        campaignId: id,
        status: campaign.status,
        audienceSize: campaign.audienceSize,
        enrolled: 0,
        sent: 0,
        heldOut: 0,
        unsubscribed: 0,
        complaints: 0,
        opened: 0,
        clicked: 0,
        sending: 0,
        conversion: { treated: empty, heldOut: empty, lift: null },
      };
    const journey = await this.stats.stats(workspaceId, campaign.journeyId);
    const counts = await selectOne<{ sent: number; pending: number; held_out: number }>(
      this.db,
      `SELECT o.sent, o.pending,
              (SELECT count(*)::int FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
                WHERE e.journey_id = $1 AND s.node_id = 'split' AND s.output = 'holdout') AS held_out
         FROM (SELECT count(*) FILTER (WHERE o.status = 'sent')::int AS sent,
                      count(*) FILTER (WHERE o.status = 'pending')::int AS pending
                 FROM outbox o JOIN enrollments e ON e.id = o.enrollment_id
                WHERE e.journey_id = $1) o`,
      [campaign.journeyId],
    );
    const holdout = journey.holdouts[0];
    const rate = (r: { n: number; converted: number; rate: number }) => ({
      customers: r.n,
      converted: r.converted,
      rate: r.n > 0 ? r.rate : null,
    });
    return {
      campaignId: id,
      status: campaign.status,
      audienceSize: campaign.audienceSize,
      enrolled: journey.enrollments.total,
      sent: counts?.sent ?? 0,
      heldOut: counts?.held_out ?? 0,
      unsubscribed: journey.nodes.reduce((sum, node) => sum + node.unsubscribed, 0),
      complaints: journey.nodes.reduce((sum, node) => sum + node.complaints, 0),
      opened: journey.nodes.reduce((sum, node) => sum + node.opened, 0),
      clicked: journey.nodes.reduce((sum, node) => sum + node.clicked, 0),
      sending: journey.enrollments.active + (counts?.pending ?? 0),
      conversion: holdout
        ? { treated: rate(holdout.treated), heldOut: rate(holdout.heldOut), lift: holdout.lift }
        : {
            treated: {
              customers: journey.enrollments.total,
              converted: journey.enrollments.converted,
              rate:
                journey.enrollments.total > 0
                  ? journey.enrollments.converted / journey.enrollments.total
                  : null,
            },
            heldOut: empty,
            lift: null,
          },
    };
  }
}
