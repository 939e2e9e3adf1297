import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP endpoint for webhook benchmarks: answers every request 204 and remembers,
 * per `id` of the JSON body (`{"id": "..."}`), when it first arrived (Date.now()).
 */
export interface HttpSink {
  url: string;
  /** Requests answered (2xx), repeats included. */
  count: () => number;
  /** Distinct ids received. */
  distinct: () => number;
  /** Requests whose id had been received before (at-least-once repeats). */
  repeats: () => number;
  /** Requests without a readable id. */
  unreadable: () => number;
  /** Arrival (ms since the epoch) of the first request of an id. */
  firstArrival: (id: string) => number | undefined;
  /** Arrival of the latest request (ms since the epoch), 0 before any. */
  lastArrival: () => number;
  /** First arrivals of every id received, in order (ms since the epoch). */
  arrivals: () => number[];
  /** Resolves true once `n` distinct ids have arrived, false after `timeoutMs`. */
  waitForDistinct: (n: number, timeoutMs: number) => Promise<boolean>;
  /** Forgets everything received (between runs). */
  reset: () => void;
  stop: () => Promise<void>;
}

export async function startHttpSink(): Promise<HttpSink> {
  let requests = 0;
  let repeats = 0;
  let unreadable = 0;
  let last = 0;
  let arrivals = new Map<string, number>();
  let waiter: { n: number; resolve: () => void } | null = null;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = Date.now();
      requests += 1;
      last = at;
      const id = readId(Buffer.concat(chunks).toString('utf8'));
      if (id === undefined) unreadable += 1;
      else if (arrivals.has(id)) repeats += 1;
      else arrivals.set(id, at);
      res.statusCode = 204;
      res.end();
      if (waiter && arrivals.size >= waiter.n) {
        waiter.resolve();
        waiter = null;
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hook`,
    count: () => requests,
    distinct: () => arrivals.size,
    repeats: () => repeats,
    unreadable: () => unreadable,
    firstArrival: (id) => arrivals.get(id),
    lastArrival: () => last,
    arrivals: () => [...arrivals.values()].sort((a, b) => a - b),
    waitForDistinct: async (n, timeoutMs) => {
      if (arrivals.size >= n) return true;
      let timer: NodeJS.Timeout | undefined;
      const arrived = new Promise<boolean>((resolve) => {
        waiter = { n, resolve: () => resolve(true) };
      });
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const result = await Promise.race([arrived, timedOut]);
      clearTimeout(timer);
      waiter = null;
      return result;
    },
    reset: () => {
      requests = 0;
      repeats = 0;
      unreadable = 0;
      last = 0;
      arrivals = new Map();
    },
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function readId(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'id' in parsed) {
      const id = (parsed as { id: unknown }).id;
      if (typeof id === 'string' && id.length > 0) return id;
    }
  } catch {
    // not JSON: counted as unreadable
  }
  return undefined;
}
