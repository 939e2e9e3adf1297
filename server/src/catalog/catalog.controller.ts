import { Controller, Get, Param } from '@nestjs/common';
import {
  type CatalogEventProperties,
  type CatalogEvents,
  type CatalogTraits,
  catalogEventParamsSchema,
} from '@switchyard/contracts';
import { WorkspaceId } from '../common/request-context.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { CatalogService } from './catalog.service.js';

/** Traits, events and event properties seen in the workspace, for the segment builder. */
@Controller('api/catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('traits')
  traits(@WorkspaceId() workspaceId: string): Promise<CatalogTraits> {
    return this.catalog.traits(workspaceId);
  }

  @Get('events')
  events(@WorkspaceId() workspaceId: string): Promise<CatalogEvents> {
    return this.catalog.events(workspaceId);
  }

  @Get('events/:name/properties')
  properties(
    @WorkspaceId() workspaceId: string,
    @Param(new ZodValidationPipe(catalogEventParamsSchema, 'params')) params: { name: string },
  ): Promise<CatalogEventProperties> {
    return this.catalog.eventProperties(workspaceId, params.name);
  }
}
