import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Load for `POST /v1/batch`: Segment-shaped batches (what analytics-node sends: a
 * `batch` array of track and identify messages with context, message ids and
 * timestamps, plus `sentAt`), every message id unique, customers drawn from a pool so
 * that most batches touch both new and known customers. Sent over keep-alive
 * connections, either closed loop (N clients, each sending its next batch as soon as
 * the last is answered) or open loop (a batch every 1/rate s whatever the answers;
 * latency counts from when a batch was due, so queueing in the client counts too).
 */
export interface LoadTarget {
  url: string;
  /** `Authorization` header value (the baseline ignores it). */
  authorization: string;
}

export interface LoadShape {
  /** Run label: part of every message id, so runs never collide. */
  label: string;
  seconds: number;
  /** Messages per request. */
  batchSize: number;
  /** Keep-alive connections (closed loop: also the number of clients). */
  clients: number;
  /** Customers the messages are drawn from (`<label>-u<n>`). */
  customers: number;
  /** Open loop: messages per second offered. Undefined: closed loop. */
  rate?: number;
}

export interface LoadResult {
  label: string;
  seconds: number;
  requests: number;
  /** Messages in requests answered 2xx. */
  acceptedMessages: number;
  /** Request round trips of 2xx answers, ms, ascending. */
  latencies: number[];
  /** Answers by status (-1: network error). */
  statuses: Map<number, number>;
  /** Most requests in flight (open loop: shows a backlog building up). */
  maxInFlight: number;
}

const PRODUCTS = Array.from({ length: 500 }, (_, i) => ({
  product_id: `p-${i}`,
  sku: `SKU-${String(i).padStart(5, '0')}`,
  name: `Product ${i}`,
  category: ['Music', 'Books', 'Games', 'Garden', 'Kitchen'][i % 5] as string,
  price: Math.round((5 + ((i * 37) % 200)) * 100) / 100,
}));

const CONTEXT = {
  library: { name: 'analytics-node', version: '2.1.3' },
  ip: '203.0.113.7',
};

/** Deterministic and cheap: a xorshift generator per run. */
function randomSource(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

/**
 * One message: 70 % Product Viewed, 15 % Product Added, 10 % Order Completed (with 1-3
 * line items), 5 % identify (e-mail, name, plan).
 */
function message(
  shape: LoadShape,
  random: () => number,
  id: string,
  now: string,
): Record<string, unknown> {
  const userId = `${shape.label}-u${Math.floor(random() * shape.customers)}`;
  const product = PRODUCTS[Math.floor(random() * PRODUCTS.length)] as (typeof PRODUCTS)[number];
  const base = { messageId: id, userId, timestamp: now, context: CONTEXT };
  const roll = random();
  if (roll < 0.05)
    return {
      type: 'identify',
      ...base,
      traits: {
        email: `${userId}@example.com`,
        first_name: `Fan ${userId.slice(-4)}`,
        plan: roll < 0.02 ? 'pro' : 'free',
      },
    };
  if (roll < 0.15) {
    const lines = 1 + Math.floor(random() * 3);
    const products = Array.from({ length: lines }, (_, i) => ({
      ...(PRODUCTS[(Math.floor(random() * PRODUCTS.length) + i) % PRODUCTS.length] ?? product),
      quantity: 1 + (i % 2),
    }));
    const total = products.reduce((sum, p) => sum + p.price * p.quantity, 0);
    return {
      type: 'track',
      ...base,
      event: 'Order Completed',
      properties: {
        order_id: `o-${id}`,
        total: Math.round(total * 100) / 100,
        currency: 'USD',
        products,
      },
    };
  }
  return {
    type: 'track',
    ...base,
    event: roll < 0.3 ? 'Product Added' : 'Product Viewed',
    properties: { ...product, currency: 'USD' },
  };
}

/** Builds request bodies with unique message ids (`<label>-<request>-<index>`). */
export class BatchFactory {
  private requests = 0;
  private readonly random: () => number;

  constructor(private readonly shape: LoadShape) {
    this.random = randomSource(shape.label.length * 7919 + shape.customers);
  }

  next(): string {
    const n = this.requests++;
    const now = new Date().toISOString();
    const batch = Array.from({ length: this.shape.batchSize }, (_, i) =>
      message(this.shape, this.random, `${this.shape.label}-${n}-${i}`, now),
    );
    return JSON.stringify({ batch, sentAt: now });
  }
}

function post(
  agent: http.Agent,
  target: URL,
  authorization: string,
  body: string,
): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: '/v1/batch',
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? -1));
        res.on('error', () => resolve(-1));
      },
    );
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

/** Runs one load shape against one server and collects every answer. */
export async function runLoad(target: LoadTarget, shape: LoadShape): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: shape.clients });
  const url = new URL(target.url);
  const factory = new BatchFactory(shape);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let acceptedMessages = 0;
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const record = (status: number, dueAt: number) => {
    requests += 1;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 200 && status < 300) {
      acceptedMessages += shape.batchSize;
      latencies.push(performance.now() - dueAt);
    }
  };
  const send = async (dueAt: number) => {
    const body = factory.next();
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const status = await post(agent, url, target.authorization, body);
    inFlight -= 1;
    record(status, dueAt);
  };

  const started = performance.now();
  const end = started + shape.seconds * 1000;
  if (shape.rate === undefined) {
    const client = async () => {
      while (performance.now() < end) await send(performance.now());
    };
    await Promise.all(Array.from({ length: shape.clients }, client));
  } else {
    const interval = (1000 * shape.batchSize) / shape.rate;
    const pending = new Set<Promise<void>>();
    let next = started;
    while (next < end) {
      const now = performance.now();
      for (; next <= now && next < end; next += interval) {
        const request = send(next).finally(() => pending.delete(request));
        pending.add(request);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(5, next - performance.now()))));
    }
    await Promise.all(pending);
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    label: shape.label,
    seconds,
    requests,
    acceptedMessages,
    latencies,
    statuses,
    maxInFlight,
  };
}
