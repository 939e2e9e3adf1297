import { type ClientRequest, request } from 'node:http';

/**
 * One HTTP request exactly as given (method, already-encoded path, headers, body bytes):
 * fetch and supertest normalise paths and refuse bodies on GET, a fuzzer must not.
 */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

export function sendRaw(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  timeoutMs = 60_000,
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          ...headers,
          ...(body !== undefined ? { 'Content-Length': String(body.length) } : {}),
          Connection: 'close',
        },
        timeout: timeoutMs,
        // Paths are sent as given (invalid percent-escapes included).
        insecureHTTPParser: true,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: Date.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A server may answer (413) and close before reading a large body: writing then
      // fails with EPIPE / ECONNRESET, and the answer is what counts.
      if (answered) return;
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET')
        setTimeout(() => {
          if (!answered) reject(error);
        }, 1_000);
      else reject(error);
    });
    void writeBody(req, body, () => answered);
  });
}

/**
 * A large body goes after the headers have had time to be refused (a server checks
 * Content-Length against its limit first), in chunks, stopping once an answer is in: a
 * client that keeps writing into a closed connection loses the answer to EPIPE.
 */
async function writeBody(
  req: ClientRequest,
  body: Buffer | undefined,
  answered: () => boolean,
): Promise<void> {
  if (body === undefined || body.length < LARGE_BODY) {
    if (body !== undefined) req.write(body);
    req.end();
    return;
  }
  req.flushHeaders();
  for (let waited = 0; waited < 300 && !answered(); waited += 20)
    await new Promise((r) => setTimeout(r, 20));
  for (let at = 0; at < body.length && !answered() && !req.destroyed; at += CHUNK) {
    if (!req.write(body.subarray(at, at + CHUNK)))
      await new Promise<void>((resolve) => {
        const done = () => {
          req.off('drain', done);
          req.off('close', done);
          resolve();
        };
        req.on('drain', done);
        req.on('close', done);
      });
  }
  if (!req.destroyed) req.end();
}

const LARGE_BODY = 1024 * 1024;
const CHUNK = 64 * 1024;
