import { performance } from 'node:perf_hooks';
import type { RunningSwitchyard } from '../../src/support/switchyard.harness.js';

/** The mix of a soak's traffic (fractions of all events; the rest are product views). */
export interface SoakMix {
  /** `Order Completed` from a customer never seen before (enters "Ordered"). */
  newCustomerOrders: number;
  /** `Order Completed` from a customer of the imported pool (moves towards "Frequent"). */
  poolOrders: number;
}

/** What happened to the requests of one sampling window. */
export interface LoadWindow {
  requests: number;
  events: number;
  accepted: number;
  /** Non-2xx answers and network errors, by status (-1 = network error). */
  failures: Map<number, number>;
  /** Latencies of the requests answered in this window (whenever they were sent). */
  latenciesMs: number[];
  /** The age of the oldest request still unanswered when the window closed (0 if none). */
  oldestInFlightMs: number;
}

export interface LoadTotals {
  requests: number;
  eventsSent: number;
  eventsAccepted: number;
  ordersAccepted: number;
  newCustomers: Set<string>;
  failures: number;
}

function emptyWindow(): LoadWindow {
  return {
    requests: 0,
    events: 0,
    accepted: 0,
    failures: new Map(),
    latenciesMs: [],
    oldestInFlightMs: 0,
  };
}

/**
 * Open-loop load through POST /v1/batch: every `tickMs` one batch of `rate × tickMs`
 * events goes out whatever the answers before it (a slow server sees requests pile up).
 * Deterministic given the seed, so two runs send the same traffic.
 */
export class SoakLoad {
  private window = emptyWindow();
  /** Unanswered requests and when each was sent. */
  private readonly inFlight = new Map<Promise<void>, number>();
  private sequence = 0;
  private newCustomerCount = 0;
  private random: () => number;
  readonly totals: LoadTotals = {
    requests: 0,
    eventsSent: 0,
    eventsAccepted: 0,
    ordersAccepted: 0,
    newCustomers: new Set(),
    failures: 0,
  };

  constructor(
    private readonly app: RunningSwitchyard,
    private readonly options: {
      rate: number;
      tickMs: number;
      poolSize: number;
      poolId: (i: number) => string;
      mix: SoakMix;
      seed: number;
    },
  ) {
    this.random = mulberry32(options.seed);
  }

  /** Sends until `durationMs` has passed, then waits for the answers. */
  async run(durationMs: number): Promise<void> {
    const { tickMs, rate } = this.options;
    const perTick = (rate * tickMs) / 1000;
    const started = performance.now();
    let owed = 0;
    for (let tick = 0; ; tick++) {
      const due = started + tick * tickMs;
      if (due - started >= durationMs) break;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      owed += perTick;
      const count = Math.floor(owed);
      owed -= count;
      if (count > 0) this.send(count);
    }
    await Promise.all(this.inFlight.keys());
  }

  /** The window since the last call (for the sampler). */
  takeWindow(): LoadWindow {
    const taken = this.window;
    const now = performance.now();
    for (const sentAt of this.inFlight.values())
      taken.oldestInFlightMs = Math.max(taken.oldestInFlightMs, now - sentAt);
    this.window = emptyWindow();
    return taken;
  }

  private send(count: number): void {
    const batch = [];
    let orders = 0;
    const newIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const roll = this.random();
      const { newCustomerOrders, poolOrders } = this.options.mix;
      const messageId = `soak-${this.options.seed}-${this.sequence++}`;
      if (roll < newCustomerOrders) {
        const userId = `soak-new-${this.newCustomerCount++}`;
        newIds.push(userId);
        orders += 1;
        batch.push(order(userId, messageId, roll));
      } else if (roll < newCustomerOrders + poolOrders) {
        orders += 1;
        batch.push(order(this.poolCustomer(), messageId, roll));
      } else {
        batch.push({
          type: 'track',
          userId: this.poolCustomer(),
          event: 'Product Viewed',
          properties: { sku: `sku-${Math.floor(roll * 500)}` },
          messageId,
        });
      }
    }
    const window = this.window;
    window.requests += 1;
    window.events += count;
    this.totals.requests += 1;
    this.totals.eventsSent += count;
    const started = performance.now();
    const request = fetch(`${this.app.url}/v1/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.app.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ batch }),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.status >= 200 && res.status < 300) {
          window.accepted += count;
          this.totals.eventsAccepted += count;
          this.totals.ordersAccepted += orders;
          for (const id of newIds) this.totals.newCustomers.add(id);
        } else this.fail(this.window, res.status);
      })
      .catch(() => this.fail(this.window, -1))
      .finally(() => {
        this.window.latenciesMs.push(performance.now() - started);
        this.inFlight.delete(request);
      });
    this.inFlight.set(request, started);
  }

  private fail(window: LoadWindow, status: number): void {
    window.failures.set(status, (window.failures.get(status) ?? 0) + 1);
    this.totals.failures += 1;
  }

  private poolCustomer(): string {
    return this.options.poolId(Math.floor(this.random() * this.options.poolSize));
  }
}

function order(userId: string, messageId: string, roll: number) {
  return {
    type: 'track',
    userId,
    event: 'Order Completed',
    properties: { total: 10 + Math.round(roll * 1000) / 10 },
    messageId,
  };
}

/** A small seeded generator (the traffic of a seed is the same in every run). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
