import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { StartupBanner } from './startup-banner.js';
import { WorkspaceBootstrapService } from './workspace-bootstrap.service.js';

@Module({
  providers: [WorkspaceBootstrapService, StartupBanner],
  exports: [StartupBanner],
})
export class SeedModule implements OnApplicationBootstrap {
  constructor(
    private readonly bootstrap: WorkspaceBootstrapService,
    private readonly banner: StartupBanner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const result = await this.bootstrap.ensureWorkspace();
    this.banner.record(result, null);
  }
}
