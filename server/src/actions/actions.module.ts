import { Module } from '@nestjs/common';
import { ActionRegistry } from './action-registry.service.js';
import { NodeTypesController } from './node-types.controller.js';

@Module({
  controllers: [NodeTypesController],
  providers: [ActionRegistry],
  exports: [ActionRegistry],
})
export class ActionsModule {}
