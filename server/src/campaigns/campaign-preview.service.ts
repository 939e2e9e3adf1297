import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CampaignPreview, CampaignView } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { selectOne } from '../database/sql.util.js';
import { ActionContextFactory } from '../engine/action-context.factory.js';
import { AssociationRulesRepository } from '../recommendations/association-rules.repository.js';
import { CustomerOrdersRepository } from '../recommendations/customer-orders.repository.js';
import { offeredProducts, recommendationsWanted } from '../actions/built-in/cross-sell.action.js';
import { CAMPAIGN_OFFER } from './campaign-journey.util.js';
import { DISCOUNT_BY_TONE } from './campaign-library.js';

interface MemberRow {
  id: string;
  external_id: string;
  traits: Record<string, unknown>;
  timezone: string;
}

/**
 * A campaign rendered for a real member of its audience, with the same template data a
 * send has: the customer, the trigger and the context the order summary and cross-sell
 * nodes would set. The offer code is a sample (a send derives it from the enrollment).
 */
@Injectable()
export class CampaignPreviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contexts: ActionContextFactory,
    private readonly orders: CustomerOrdersRepository,
    private readonly recommendations: AssociationRulesRepository,
  ) {}

  async preview(
    campaign: CampaignView,
    workspaceId: string,
    externalId?: string,
  ): Promise<CampaignPreview> {
    const member = await selectOne<MemberRow>(
      this.db,
      `SELECT c.id::text AS id, c.external_id, c.traits, w.timezone
         FROM audience_members m
         JOIN customers c ON c.id = m.customer_id
         JOIN workspaces w ON w.id = c.workspace_id
        WHERE m.audience_id = $1 AND c.workspace_id = $2 AND ($3::text IS NULL OR c.external_id = $3)
        ORDER BY m.customer_id LIMIT 1`,
      [campaign.audienceId, workspaceId, externalId ?? null],
    );
    if (!member)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: externalId
          ? `customer ${externalId} is not in the campaign's audience`
          : "the campaign's audience is empty",
      });
    const now = new Date();
    const { count, minConfidence } = CAMPAIGN_OFFER;
    const recommendations = await this.recommendations.forCustomer(
      workspaceId,
      member.id,
      recommendationsWanted(count),
    );
    const context = {
      orders: await this.orders.summary(workspaceId, member.id, now),
      crossSell: {
        products: offeredProducts(recommendations, count, minConfidence),
        offerCode: 'PREVIEW',
        discountPercent: DISCOUNT_BY_TONE[campaign.tone],
      },
    };
    const zone = member.traits['timezone'];
    const { ctx } = this.contexts.create({
      workspaceId,
      workspaceTimezone: member.timezone,
      enrollmentId: 'preview',
      journeyId: campaign.journeyId ?? 'preview',
      versionId: 'preview',
      node: { id: 'mail', type: 'send_email', position: { x: 0, y: 0 }, config: {} },
      seq: 0,
      customer: {
        id: member.id,
        externalId: member.external_id,
        traits: member.traits,
        timezone: typeof zone === 'string' ? zone : member.timezone,
      },
      trigger: {
        trigger: { kind: 'audience_broadcast', audienceId: campaign.audienceId },
        segmentName: null,
        at: now.toISOString(),
      },
      context,
      now,
      dryRun: true,
    });
    const email = member.traits['email'];
    return {
      customer: { externalId: member.external_id, email: typeof email === 'string' ? email : null },
      subject: ctx.renderText(campaign.subject),
      preheader: ctx.renderText(campaign.preheader),
      html: ctx.render(campaign.html),
      text: ctx.renderText(campaign.text),
      context,
    };
  }
}
