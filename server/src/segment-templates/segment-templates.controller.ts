import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  type SegmentTemplateView,
  type TemplateInstallBody,
  templateInstallBodySchema,
  type TemplateInstallResult,
  templateKeyParamSchema,
} from '@switchyard/contracts';
import type { z } from 'zod';
import { WorkspaceId } from '../common/request-context.js';
import { ZodValidationPipe, zodBody } from '../common/zod-validation.pipe.js';
import { SegmentTemplatesService } from './segment-templates.service.js';

@Controller('api/segment-templates')
export class SegmentTemplatesController {
  constructor(private readonly templates: SegmentTemplatesService) {}

  @Get()
  list(): SegmentTemplateView[] {
    return this.templates.list();
  }

  /** Creates the template's segments and groups in the caller's workspace (editable after). */
  @Post(':key/install')
  install(
    @WorkspaceId() workspaceId: string,
    @Param(new ZodValidationPipe(templateKeyParamSchema, 'params'))
    params: z.output<typeof templateKeyParamSchema>,
    @Body(zodBody(templateInstallBodySchema)) body: TemplateInstallBody,
  ): Promise<TemplateInstallResult> {
    return this.templates.install(workspaceId, params.key, body.parameters);
  }
}
