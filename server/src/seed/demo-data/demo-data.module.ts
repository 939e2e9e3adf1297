import { Module } from '@nestjs/common';
import { ImportsModule } from '../../imports/imports.module.js';
import { DemoDataService } from './demo-data.service.js';

/** Import into SeedModule and call DemoDataService.load(workspaceId) to seed a demo shop. */
@Module({
  imports: [ImportsModule],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class DemoDataModule {}
