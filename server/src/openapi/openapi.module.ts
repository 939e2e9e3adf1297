import { Controller, Get, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { Public } from '../common/request-context.js';
import { buildOpenApiDocument } from './openapi.document.js';

@Public()
@Controller('api/docs')
export class OpenApiController {
  private document: Record<string, unknown> | null = null;

  constructor(private readonly config: AppConfig) {}

  @Get()
  get() {
    this.document ??= buildOpenApiDocument(this.config.publicUrl);
    return this.document;
  }
}

@Module({ controllers: [OpenApiController] })
export class OpenApiModule {}
