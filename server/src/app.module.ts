import { type DynamicModule, Module } from '@nestjs/common';
import { ActionsModule } from './actions/actions.module.js';
import type { LoadedPlugin } from './actions/plugin-loader.js';
import { PluginsModule } from './actions/plugins.module.js';
import { AdminModule } from './admin/admin.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AppConfig } from './config/app-config.service.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ConfigModule } from './config/config.module.js';
import { CustomersModule } from './customers/customers.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';
import { EngagementApiModule } from './engagement/engagement-api.module.js';
import { SubscriptionsApiModule } from './subscriptions/subscriptions-api.module.js';
import { DatabaseModule } from './database/database.module.js';
import { EngineWorkersModule } from './engine/engine-workers.module.js';
import { EngineModule } from './engine/engine.module.js';
import { HealthModule } from './health/health.module.js';
import { DeliveriesModule } from './deliveries/deliveries.module.js';
import { JourneysModule } from './journeys/journeys.module.js';
import { MembersModule } from './members/members.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { OpenApiModule } from './openapi/openapi.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { SeedModule } from './seed/seed.module.js';
import { SegmentGroupWorkersModule } from './segment-groups/segment-group-workers.module.js';
import { SegmentGroupsModule } from './segment-groups/segment-groups.module.js';
import { SegmentTemplatesModule } from './segment-templates/segment-templates.module.js';
import { SegmentWorkersModule } from './segments/segment-workers.module.js';
import { SegmentsModule } from './segments/segments.module.js';
import { AudiencesModule } from './audiences/audiences.module.js';
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { RecommendationsWorkersModule } from './recommendations/recommendations-workers.module.js';
import { RecommendationsModule } from './recommendations/recommendations.module.js';
import { SecretsModule } from './secrets/secrets.module.js';
import { WorkspaceModule } from './workspace/workspace.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, plugins: readonly LoadedPlugin[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        PluginsModule.forRoot(plugins),
        LoggingModule.forRoot(config),
        MetricsModule,
        AdminModule,
        DatabaseModule,
        SecretsModule,
        QueuesModule,
        RateLimitModule,
        AuthModule,
        AuditModule,
        MembersModule,
        HealthModule,
        OpenApiModule,
        SeedModule,
        IngestModule,
        ImportsModule,
        CustomersModule,
        SubscriptionsModule,
        SubscriptionsApiModule,
        EngagementApiModule,
        DeliveriesModule,
        CatalogModule,
        ActionsModule,
        JourneysModule,
        EngineModule,
        EngineWorkersModule.register(config),
        SegmentsModule,
        SegmentWorkersModule.register(config),
        SegmentGroupsModule,
        SegmentGroupWorkersModule.register(config),
        SegmentTemplatesModule,
        AudiencesModule,
        CampaignsModule,
        RecommendationsModule,
        RecommendationsWorkersModule.register(config),
        WorkspaceModule,
      ],
    };
  }
}
