import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { verifyWebhook } from '@switchyard/sdk/webhooks';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** The status the sink answered. */
  status: number;
}

export interface HttpSink {
  url: string;
  requests: ReceivedRequest[];
  /** Answer the next `count` requests with `status`, `body` and `headers` (then 200 again). */
  failNext: (
    count: number,
    status: number,
    body?: string,
    headers?: Record<string, string>,
  ) => void;
  stop: () => Promise<void>;
}

/** A local HTTP server that records every request and answers 200 (webhook / SMS provider). */
export async function startHttpSink(): Promise<HttpSink> {
  const requests: ReceivedRequest[] = [];
  let failures = { count: 0, status: 200, body: '', headers: {} as Record<string, string> };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const failing = failures.count > 0;
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
        status: failing ? failures.status : 200,
      });
      if (failing) {
        failures = { ...failures, count: failures.count - 1 };
        res
          .writeHead(failures.status, { 'content-type': 'text/plain', ...failures.headers })
          .end(failures.body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    failNext: (count, status, body = 'try later', headers = {}) =>
      (failures = { count, status, body, headers }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether a request carries a valid Switchyard signature for `secret`. */
export function hasValidSignature(request: ReceivedRequest, secret: string): boolean {
  // As a receiver checks it (the SDK's helper), on the clock of when it arrived.
  return verifyWebhook({
    secret,
    body: request.body,
    headers: request.headers,
    now: new Date(request.at),
  });
}
