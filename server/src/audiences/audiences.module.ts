import { Module } from '@nestjs/common';
import { AudienceDeletionService } from './audience-deletion.service.js';
import { AudiencesController } from './audiences.controller.js';
import { AudiencesService } from './audiences.service.js';
import { AudienceMembersRepository } from './audience-members.repository.js';
import { SegmentGroupsModule } from '../segment-groups/segment-groups.module.js';

/** Audiences: frozen customer lists that journeys add to and broadcast to. */
@Module({
  imports: [SegmentGroupsModule],
  controllers: [AudiencesController],
  providers: [AudiencesService, AudienceMembersRepository, AudienceDeletionService],
  exports: [AudiencesService],
})
export class AudiencesModule {}
