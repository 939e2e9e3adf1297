import { Controller, Get } from '@nestjs/common';
import type { NodeTypeView } from '@switchyard/contracts';
import { ActionRegistry } from './action-registry.service.js';

@Controller('api/node-types')
export class NodeTypesController {
  constructor(private readonly registry: ActionRegistry) {}

  /** Action node types (newest versions) with the JSON Schema of their settings. */
  @Get()
  list(): NodeTypeView[] {
    return this.registry.nodeTypes();
  }
}
