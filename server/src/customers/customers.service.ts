import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CustomerProfile,
  CustomerSegmentMembership,
  CustomerSegmentTransition,
} from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { selectOne, selectRows } from '../database/sql.util.js';
import { ActionRegistry, toNodeTypeView } from '../actions/action-registry.service.js';
import { type StepNaming, toCustomerJourneys } from './customer-journeys.mapper.js';
import {
  CUSTOMER_RUN_MESSAGES_SQL,
  CUSTOMER_RUN_STEPS_SQL,
  CUSTOMER_RUNS_SQL,
  type MessageRow,
  type RunRow,
  type StepRow,
} from './customer-journeys.sql.js';
import { type CustomerKey, customerKeySql } from './customer-lookup.util.js';
import { OptOutsRepository } from '../subscriptions/opt-outs.repository.js';

export const RECENT_EVENTS_LIMIT = 50;
export const SEGMENT_HISTORY_LIMIT = 100;
export const JOURNEY_RUNS_LIMIT = 50;

interface CustomerRow {
  id: string;
  external_id: string;
  traits: Record<string, unknown>;
  first_seen_at: Date;
  last_seen_at: Date;
}

interface TransitionRow {
  segment_id: string;
  name: string;
  color: string;
  kind: 'entered' | 'exited';
  as_of: Date;
}

/** Served by segment_transitions(customer_id, as_of), newest first. */
const SEGMENT_HISTORY_SQL = `
SELECT t.segment_id, s.name, s.color, t.kind, t.as_of FROM segment_transitions t
JOIN segments s ON s.id = t.segment_id
WHERE t.workspace_id = $1 AND t.customer_id = $2::bigint
ORDER BY t.as_of DESC, t.id DESC LIMIT $3`;

/** Customer profiles; every query is scoped by the caller's workspace. */
@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly optOuts: OptOutsRepository,
    /** For the titles of node types; without it a step without a label has none. */
    @Optional() private readonly actions?: ActionRegistry,
  ) {}

  /**
   * The profile is read from one snapshot (a REPEATABLE READ transaction): read apart, a
   * customer who moves while the page refreshes could show a segment in "Segments" whose
   * history says they left it, or a journey step whose message is not listed yet.
   */
  profile(workspaceId: string, keys: readonly CustomerKey[]): Promise<CustomerProfile | null> {
    return this.db.transaction('REPEATABLE READ', async (em) => {
      const customer = await this.find(em, workspaceId, keys);
      return customer ? this.read(em, workspaceId, customer) : null;
    });
  }

  private async read(
    em: EntityManager,
    workspaceId: string,
    customer: CustomerRow,
  ): Promise<CustomerProfile> {
    const runsOf = [workspaceId, customer.id, JOURNEY_RUNS_LIMIT];
    // One connection: the statements run one after another.
    const segments = await selectRows<{ id: string; name: string; color: string; since: Date }>(
      em,
      `SELECT s.id, s.name, s.color, m.since FROM segment_memberships m
       JOIN segments s ON s.id = m.segment_id
       WHERE s.workspace_id = $1 AND m.customer_id = $2::bigint ORDER BY s.created_at, s.name, s.id`,
      [workspaceId, customer.id],
    );
    const runs = await selectRows<RunRow>(em, CUSTOMER_RUNS_SQL, runsOf);
    const steps = await selectRows<StepRow>(em, CUSTOMER_RUN_STEPS_SQL, runsOf);
    const messages = await selectRows<MessageRow>(em, CUSTOMER_RUN_MESSAGES_SQL, runsOf);
    const events = await selectRows<{
      name: string;
      properties: Record<string, unknown>;
      ts: Date;
    }>(
      em,
      `SELECT name, properties, ts FROM events WHERE workspace_id = $1 AND customer_id = $2::bigint
       ORDER BY ts DESC, id DESC LIMIT $3`,
      [workspaceId, customer.id, RECENT_EVENTS_LIMIT],
    );
    const history = await selectRows<TransitionRow>(em, SEGMENT_HISTORY_SQL, [
      workspaceId,
      customer.id,
      SEGMENT_HISTORY_LIMIT,
    ]);
    return {
      id: customer.id,
      externalId: customer.external_id,
      traits: customer.traits,
      firstSeenAt: customer.first_seen_at.toISOString(),
      lastSeenAt: customer.last_seen_at.toISOString(),
      segments: segments.map((s): CustomerSegmentMembership => ({
        id: s.id,
        name: s.name,
        color: s.color,
        since: s.since.toISOString(),
      })),
      journeys: toCustomerJourneys(runs, steps, messages, this.naming),
      recentEvents: events.map((e) => ({
        name: e.name,
        properties: e.properties,
        timestamp: e.ts.toISOString(),
      })),
      segmentHistory: history.map((t): CustomerSegmentTransition => ({
        segmentId: t.segment_id,
        segmentName: t.name,
        color: t.color,
        kind: t.kind,
        asOf: t.as_of.toISOString(),
      })),
      subscriptions: await this.optOuts.forCustomer(workspaceId, customer.id, em),
    };
  }

  /**
   * Steps are titled by their type's newest version (null for a type no longer
   * registered); the ways they took are named by the version they ran.
   */
  private readonly naming: StepNaming = {
    typeTitle: (nodeType) => this.actions?.resolve(nodeType)?.title ?? null,
    typeView: (nodeType, typeVersion) => {
      const action = this.actions?.resolve(nodeType, typeVersion ?? undefined);
      return action ? toNodeTypeView(action) : undefined;
    },
  };

  private async find(
    em: EntityManager,
    workspaceId: string,
    keys: readonly CustomerKey[],
  ): Promise<CustomerRow | undefined> {
    for (const key of keys) {
      const row = await selectOne<CustomerRow>(
        em,
        `SELECT id::text, external_id, traits, first_seen_at, last_seen_at FROM customers
          WHERE workspace_id = $1 AND ${customerKeySql(key)}`,
        [workspaceId, key.value],
      );
      if (row) return row;
    }
    return undefined;
  }
}
