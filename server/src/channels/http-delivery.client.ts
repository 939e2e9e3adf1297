import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { withinTime } from '../common/deadline.util.js';
import { AppConfig } from '../config/app-config.service.js';
import { classifyAddress, isHostAllowed } from './address-guard.util.js';
import { signedHeaders } from '@switchyard/sdk/webhooks';
import { resultOfAnswer, type HttpAnswer, type HttpDeliveryResult } from './http-outcome.util.js';

/** A request to a webhook or an SMS provider, before signing. */
export interface OutgoingHttpRequest {
  url: string;
  method: string;
  /** Extra headers; the ones delivery sets (signature, Host ...) are dropped. */
  headers: Readonly<Record<string, string>>;
  /** '' for none. */
  body: string;
  signingSecret: string;
  /** The outbox row's idempotency key, sent as Idempotency-Key. */
  idempotencyKey: string;
  /** The workspace's allowed hosts: these may be reached at private addresses. */
  allowedHosts?: readonly string[];
  /** A test send: marked with `X-Switchyard-Test: 1`. */
  test?: boolean;
}

/** One request's answer as it came (any status), or why none came. */
export type HttpAttempt = { answer: HttpAnswer } | { error: string; permanent: boolean };

/** Who signs a request, its de-duplication key and the workspace's allowed hosts. */
export type SignedDelivery = Pick<
  OutgoingHttpRequest,
  'signingSecret' | 'idempotencyKey' | 'allowedHosts'
>;

/** The checked address a request connects to, and whether it is a public one. */
interface Target {
  address: LookupAddress;
  isPublic: boolean;
}

/** Read at most this much of an answer: enough for an error excerpt or a message id. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** Set by the HTTP client or by delivery; a request's own headers cannot replace them. */
const OWN_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-authorization',
  'proxy-connection',
  'user-agent',
  'idempotency-key',
]);

/** A failure before any answer; `permanent` ones are not retried. */
export class HttpRequestError extends Error {
  override readonly name = 'HttpRequestError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * Signed HTTP requests for webhooks and SMS providers, with the SSRF guard: the host is
 * resolved, every address must be public (unless WEBHOOK_ALLOW_PRIVATE, or the host is on
 * the workspace's allowed hosts: then anything but cloud metadata), and the connection is
 * pinned to the checked address through the socket's `lookup`, so a second DNS answer
 * (rebinding) cannot send it elsewhere. Connections to non-public addresses live in agents
 * of their own, so a kept-alive socket to one is never reused for a request checked as
 * public. Redirects are not followed.
 *
 * node:http rather than fetch: pinning needs a custom lookup, which the built-in fetch
 * only takes through an undici Agent, and undici is not a dependency of the server.
 */
@Injectable()
export class HttpDeliveryClient implements OnApplicationShutdown {
  private readonly allowPrivate: boolean;
  private readonly timeoutMs: number;
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  private readonly privateAgents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  constructor(config: AppConfig) {
    this.allowPrivate = config.values.WEBHOOK_ALLOW_PRIVATE;
    this.timeoutMs = config.values.WEBHOOK_TIMEOUT_MS;
  }

  /** Sends one request and classifies the answer (see resultOfAnswer). Never throws. */
  async send(request: OutgoingHttpRequest, now = new Date()): Promise<HttpDeliveryResult> {
    const tried = await this.attempt(request, now);
    if ('answer' in tried) return resultOfAnswer(tried.answer, new Date());
    return { kind: tried.permanent ? 'failed' : 'retry', error: tried.error };
  }

  /** Sends one request and keeps its answer, whatever the status. Never throws. */
  async attempt(request: OutgoingHttpRequest, now = new Date()): Promise<HttpAttempt> {
    try {
      return { answer: await this.exchange(request, now) };
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      const permanent = error instanceof HttpRequestError && error.permanent;
      return { error: error.message.slice(0, 500), permanent };
    }
  }

  /**
   * A plain request for action nodes (`ctx.http`): the same SSRF guard and timeout, no
   * signature and no retry. Throws HttpRequestError when refused or unreachable.
   */
  async request(request: {
    url: string;
    method: string;
    headers?: Readonly<Record<string, string>>;
    body?: string;
    allowedHosts?: readonly string[];
  }): Promise<HttpAnswer> {
    const url = parseUrl(request.url);
    const deadline = Date.now() + this.timeoutMs;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const target = await withDeadline(
      this.resolve(host, url, request.allowedHosts ?? []),
      deadline,
      `resolving ${host}`,
    );
    const headers: Record<string, string> = { 'User-Agent': 'Switchyard' };
    for (const [name, value] of Object.entries(request.headers ?? {}))
      if (!OWN_HEADERS.has(name.toLowerCase())) headers[name] = value;
    const body = Buffer.from(request.body ?? '', 'utf8');
    if (body.length > 0) headers['Content-Length'] = String(body.length);
    return this.roundTrip(url, host, target, request.method, headers, body, deadline);
  }

  onApplicationShutdown(): void {
    for (const agents of [this.agents, this.privateAgents]) {
      agents['http:'].destroy();
      agents['https:'].destroy();
    }
  }

  private async exchange(request: OutgoingHttpRequest, now: Date): Promise<HttpAnswer> {
    const url = parseUrl(request.url);
    const deadline = Date.now() + this.timeoutMs;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const target = await withDeadline(
      this.resolve(host, url, request.allowedHosts ?? []),
      deadline,
      `resolving ${host}`,
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      const lower = name.toLowerCase();
      if (!OWN_HEADERS.has(lower) && !lower.startsWith('x-switchyard-')) headers[name] = value;
    }
    const hasType = Object.keys(headers).some((n) => n.toLowerCase() === 'content-type');
    if (request.body !== '' && !hasType) headers['Content-Type'] = contentTypeOf(request.body);
    Object.assign(headers, signedHeaders(request.signingSecret, request.body, now), {
      'Idempotency-Key': request.idempotencyKey,
      'User-Agent': 'Switchyard',
    });
    if (request.test) headers['X-Switchyard-Test'] = '1';
    const body = Buffer.from(request.body, 'utf8');
    if (body.length > 0 || !['GET', 'HEAD', 'DELETE'].includes(request.method))
      headers['Content-Length'] = String(body.length);
    return this.roundTrip(url, host, target, request.method, headers, body, deadline);
  }

  /**
   * The address to connect to. Every address of the host must pass (the connection may
   * only go to a checked one): public, or any with WEBHOOK_ALLOW_PRIVATE, or any but
   * cloud metadata when the workspace allows the host.
   */
  private async resolve(host: string, url: URL, allowedHosts: readonly string[]): Promise<Target> {
    const literal = isIP(host);
    const addresses = literal ? [{ address: host, family: literal }] : await this.lookupAll(host);
    const first = addresses[0];
    if (!first) throw new Error(`DNS lookup of ${host} found no address`);
    const allowed = isHostAllowed(allowedHosts, url);
    let isPublic = true;
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      if (kind === 'public') continue;
      isPublic = false;
      if (this.allowPrivate || (allowed && kind !== 'metadata')) continue;
      const how = allowed
        ? 'cloud metadata is never allowed'
        : `add "${url.host}" to the workspace's allowedHosts, or set WEBHOOK_ALLOW_PRIVATE=true`;
      throw new HttpRequestError(
        `refused: ${host} ${literal ? 'is' : 'resolves to'} ${address}, a ${kind} address (${how})`,
        true,
      );
    }
    return { address: first, isPublic };
  }

  /** Every address of a host name, from the system resolver (tests replace this). */
  protected lookupAll(host: string): Promise<LookupAddress[]> {
    return new Promise((resolve, reject) =>
      dnsLookup(host, { all: true, verbatim: true }, (error, found) =>
        error
          ? reject(new Error(`DNS lookup of ${host} failed: ${error.code ?? error.message}`))
          : resolve(found),
      ),
    );
  }

  private roundTrip(
    url: URL,
    host: string,
    { address: target, isPublic }: Target,
    method: string,
    headers: Record<string, string>,
    body: Buffer,
    deadline: number,
  ): Promise<HttpAnswer> {
    const protocol = url.protocol as 'http:' | 'https:';
    // Every connection goes to the address that was checked, whatever DNS says now.
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [target]);
      else callback(null, target.address, target.family);
    };
    return new Promise<HttpAnswer>((resolve, reject) => {
      let req: http.ClientRequest;
      try {
        req = (protocol === 'https:' ? https : http).request({
          protocol,
          host,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method,
          headers,
          agent: (isPublic ? this.agents : this.privateAgents)[protocol],
          lookup: pinned,
          ...(url.username || url.password
            ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` }
            : {}),
        });
      } catch (error) {
        // Invalid header names or values, an invalid method: not going to pass later.
        reject(new HttpRequestError(`invalid request: ${(error as Error).message}`, true));
        return;
      }
      const timer = setTimeout(
        () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
        Math.max(deadline - Date.now(), 1),
      );
      req.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new Error(error.code ? `${error.code}: ${error.message}` : error.message));
      });
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        };
        res.on('data', (chunk: Buffer) => {
          if (size >= MAX_ANSWER_BYTES) return;
          chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - size));
          size += chunk.length;
          if (size >= MAX_ANSWER_BYTES) {
            res.destroy();
            finish();
          }
        });
        res.once('end', finish);
        res.once('error', finish);
        res.once('close', finish);
      });
      req.end(body);
    });
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new HttpRequestError(`"${text.slice(0, 200)}" is not a URL`, true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HttpRequestError(`${url.protocol} URLs are not allowed (http or https only)`, true);
  return url;
}

function contentTypeOf(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json';
  } catch {
    return 'text/plain; charset=utf-8';
  }
}

/** `work`, or an error naming `what` at the absolute `deadline` (ms since the epoch). */
function withDeadline<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  return withinTime(work, Math.max(deadline - Date.now(), 1), `${what} took too long`);
}
