import type { Rule } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import type { CustomerRulesService } from './customer-rules.service.js';

interface Waiter {
  customerId: string;
  resolve: (matches: boolean) => void;
  reject: (error: unknown) => void;
}

interface PendingRule {
  workspaceId: string;
  rule: Rule;
  asOf: Date;
  waiters: Waiter[];
}

/**
 * The condition checks of one transaction's steps, coalesced: the questions asked in the
 * same turn of the event loop about the same rule (a branch node run for a whole batch of
 * enrollments) become one set-based query over all their customers (invariant 2), asked
 * on the transaction's connection.
 */
export class RuleMatchBatch {
  private pending = new Map<string, PendingRule>();
  private scheduled = false;

  constructor(
    private readonly rules: Pick<CustomerRulesService, 'matchingCustomers'>,
    private readonly em: EntityManager,
  ) {}

  matches(workspaceId: string, customerId: string, rule: Rule, asOf: Date): Promise<boolean> {
    const key = `${workspaceId}|${asOf.getTime()}|${JSON.stringify(rule)}`;
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { workspaceId, rule, asOf, waiters: [] };
      this.pending.set(key, entry);
    }
    const waiters = entry.waiters;
    const answer = new Promise<boolean>((resolve, reject) =>
      waiters.push({ customerId, resolve, reject }),
    );
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    return answer;
  }

  private async flush(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.scheduled = false;
    for (const entry of batch) {
      const ids = [...new Set(entry.waiters.map((w) => w.customerId))];
      try {
        const matching = await this.rules.matchingCustomers(
          this.em,
          entry.workspaceId,
          ids,
          entry.rule,
          entry.asOf,
        );
        for (const waiter of entry.waiters) waiter.resolve(matching.has(waiter.customerId));
      } catch (error) {
        for (const waiter of entry.waiters) waiter.reject(error);
      }
    }
  }
}
