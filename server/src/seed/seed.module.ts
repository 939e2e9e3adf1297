import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { JourneysModule } from '../journeys/journeys.module.js';
import { SegmentGroupsModule } from '../segment-groups/segment-groups.module.js';
import { SegmentTemplatesModule } from '../segment-templates/segment-templates.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { DemoDataModule } from './demo-data/demo-data.module.js';
import { DemoWorkspaceSeeder } from './demo-workspace.seeder.js';
import { StartupBanner } from './startup-banner.js';
import { WorkspaceBootstrapService } from './workspace-bootstrap.service.js';

@Module({
  imports: [
    DemoDataModule,
    SegmentsModule,
    JourneysModule,
    SegmentGroupsModule,
    SegmentTemplatesModule,
  ],
  providers: [WorkspaceBootstrapService, DemoWorkspaceSeeder, StartupBanner],
  exports: [StartupBanner],
})
export class SeedModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedModule.name);

  constructor(
    private readonly bootstrap: WorkspaceBootstrapService,
    private readonly seeder: DemoWorkspaceSeeder,
    private readonly banner: StartupBanner,
    private readonly config: AppConfig,
  ) {}

  /** First start: the workspace and its key; with SEED_DEMO, the demo shop in it. */
  async onApplicationBootstrap(): Promise<void> {
    const result = await this.bootstrap.ensureWorkspace();
    let seeded: string | null = null;
    if (result.createdWorkspace && this.config.values.SEED_DEMO) {
      this.logger.log('seeding the demo workspace');
      seeded = await this.seeder.seed(result.workspaceId);
    }
    this.banner.record(result, seeded);
  }
}
