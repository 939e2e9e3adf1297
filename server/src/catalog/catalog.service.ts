import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CatalogEventProperties, CatalogEvents, CatalogTraits } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { type FieldStatsRow, toCatalogFields } from './catalog-fields.util.js';
import { queryWithoutJit } from './without-jit.util.js';
import {
  EVENT_COUNT_CAP,
  EVENT_NAMES_MAX,
  EVENT_NAMES_SQL,
  PROPERTY_SAMPLE_SIZE,
  PROPERTY_STATS_SQL,
  TRAIT_SAMPLE_SIZE,
  TRAIT_STATS_SQL,
} from './catalog.sql.js';

type StatsRow = FieldStatsRow & { sampled: number };

/** What a workspace's data holds, from bounded samples; every query is workspace-scoped. */
@Injectable()
export class CatalogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async traits(workspaceId: string): Promise<CatalogTraits> {
    const rows = await queryWithoutJit<StatsRow>(this.db, TRAIT_STATS_SQL, [
      workspaceId,
      TRAIT_SAMPLE_SIZE,
    ]);
    return { sampled: rows[0]?.sampled ?? 0, traits: toCatalogFields(rows) };
  }

  async events(workspaceId: string): Promise<CatalogEvents> {
    const rows = await queryWithoutJit<{ name: string; count: number }>(this.db, EVENT_NAMES_SQL, [
      workspaceId,
      EVENT_NAMES_MAX,
      EVENT_COUNT_CAP,
    ]);
    return {
      events: rows.map((r) => ({
        name: r.name,
        count: r.count,
        capped: r.count >= EVENT_COUNT_CAP,
      })),
    };
  }

  async eventProperties(workspaceId: string, event: string): Promise<CatalogEventProperties> {
    const rows = await queryWithoutJit<StatsRow>(this.db, PROPERTY_STATS_SQL, [
      workspaceId,
      event,
      PROPERTY_SAMPLE_SIZE,
    ]);
    return { event, sampled: rows[0]?.sampled ?? 0, properties: toCatalogFields(rows) };
  }
}
