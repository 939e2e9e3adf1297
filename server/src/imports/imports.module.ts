import { Module } from '@nestjs/common';
import { ImportStreamService } from './import-stream.service.js';
import { ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';

@Module({
  controllers: [ImportsController],
  providers: [ImportStreamService, ImportsRepository],
  exports: [ImportStreamService],
})
export class ImportsModule {}
