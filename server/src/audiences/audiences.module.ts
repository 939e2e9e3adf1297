import { Module } from '@nestjs/common';
import { AudiencesController } from './audiences.controller.js';
import { AudiencesService } from './audiences.service.js';

/** Audiences: frozen customer lists that journeys add to and broadcast to. */
@Module({
  controllers: [AudiencesController],
  providers: [AudiencesService],
  exports: [AudiencesService],
})
export class AudiencesModule {}
