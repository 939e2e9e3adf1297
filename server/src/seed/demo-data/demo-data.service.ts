import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { ImportReport } from '@switchyard/contracts';
import { ImportStreamService } from '../../imports/import-stream.service.js';
import { type DemoShopOptions, generateDemoShop } from './demo-shop.generator.js';

export const DEMO_SHOP_SEED = 20_241_123;

/**
 * Loads the demo shop into a workspace through the import path (COPY, one transaction).
 * Message ids are derived from the seed, so loading twice adds nothing the second time.
 */
@Injectable()
export class DemoDataService {
  constructor(private readonly importer: ImportStreamService) {}

  async load(
    workspaceId: string,
    options: DemoShopOptions & { seed?: number; now?: Date } = {},
  ): Promise<ImportReport> {
    const lines = generateDemoShop(
      options.seed ?? DEMO_SHOP_SEED,
      options.now ?? new Date(),
      options,
    );
    const body = Readable.from(
      (function* () {
        let chunk = '';
        for (const line of lines) {
          chunk += `${line}\n`;
          if (chunk.length >= 64 * 1024) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      })(),
    );
    const result = await this.importer.run(workspaceId, body, { skipInvalid: false });
    if (result.outcome !== 'completed')
      throw new Error(
        `demo data import ${result.report.id} ${result.outcome}: ${JSON.stringify(result.report.errors)}`,
      );
    return result.report;
  }
}
