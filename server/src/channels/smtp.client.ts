import MailComposer from 'nodemailer/lib/mail-composer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { HeldMessageStream } from './held-message.stream.js';

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html?: string;
  text?: string;
  /** `<key@domain>`, stable across retries (see messageIdFor). */
  messageId: string;
  /** Sent as List-Unsubscribe with List-Unsubscribe-Post (RFC 8058 one-click). */
  unsubscribeUrl?: string;
}

/** The headers that let a mail client offer its own one-click unsubscribe button. */
export function unsubscribeHeaders(url: string | undefined): Record<string, string> {
  if (url === undefined) return {};
  return {
    'List-Unsubscribe': `<${url}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The server's answer to the end of a held message. */
export type SmtpAnswer =
  | { kind: 'accepted'; response: string }
  /** Refused after the end: a 5xx is permanent, a 4xx may pass later. */
  | { kind: 'refused'; permanent: boolean; error: Error }
  /** The connection failed before the end was written: the server discarded the message. */
  | { kind: 'not-sent'; error: Error }
  /** The end was written but no answer came: the message may or may not have been taken. */
  | { kind: 'unknown'; error: Error };

/**
 * A message the server has received in full except its terminator. Exactly one of
 * `complete` (after the commit that marks it sent) or `abort` (when that commit failed).
 */
export interface HeldEmail {
  /** Writes the terminator and waits for the server's answer. */
  complete(): Promise<SmtpAnswer>;
  /** Drops the connection without the terminator, so the server discards the message. */
  abort(): void;
}

interface Pooled {
  connection: SMTPConnection;
  sent: number;
  idleSince: number;
  dead: boolean;
}

type SmtpError = Error & { responseCode?: number };

interface SendResult {
  error: SmtpError | null;
  response?: string;
}

/** Idle connections kept for reuse, how long, and how many messages one may carry. */
const MAX_IDLE = 8;
const MAX_IDLE_MS = 30_000;
const MAX_MESSAGES_PER_CONNECTION = 100;

/**
 * SMTP over nodemailer's low-level SMTPConnection, with a small pool of idle connections.
 * `hold` runs MAIL FROM, RCPT TO and DATA and streams the composed message without its
 * terminator; the caller commits, then completes (or aborts) it.
 */
export class SmtpClient {
  private readonly options: SMTPConnection.Options;
  private readonly auth: { user: string; pass: string } | undefined;
  private readonly idle: Pooled[] = [];
  private closed = false;

  constructor(url: string) {
    const { auth, ...options } = parseConnectionUrl(url);
    this.auth = auth;
    this.options = {
      ...(options as SMTPConnection.Options),
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      // Also bounds the wait for the answer to the terminator.
      socketTimeout: 60_000,
      // Closing destroys the socket at once: an aborted message must not be completed.
      socketCloseTimeout: 0,
      logger: false,
    };
  }

  /** Sends everything but the terminator. Throws when the server refuses the envelope. */
  async hold(email: OutgoingEmail): Promise<HeldEmail> {
    const composed = new MailComposer({
      from: email.from,
      to: email.to,
      subject: email.subject,
      ...(email.html !== undefined ? { html: email.html } : {}),
      ...(email.text !== undefined ? { text: email.text } : {}),
      messageId: email.messageId,
      headers: unsubscribeHeaders(email.unsubscribeUrl),
    }).compile();
    const envelope = composed.getEnvelope();
    const raw = await composed.build();
    let pooled = await this.acquire();
    let started = await this.start(pooled, envelope, raw);
    if (!started.ok && pooled.sent > 0 && started.error.responseCode === undefined) {
      // A reused connection the server had dropped: nothing went out, try a new one.
      pooled = await this.open();
      started = await this.start(pooled, envelope, raw);
    }
    if (!started.ok) throw started.error;
    const { stream, answer, answeredEarly } = started;
    let settled = false;
    return {
      complete: async () => {
        if (settled) throw new Error('this message was already completed or aborted');
        settled = true;
        if (answeredEarly()) {
          this.discard(pooled);
          const { error } = await answer;
          return { kind: 'not-sent', error: error ?? new Error('connection lost') };
        }
        stream.release();
        const result = await answer;
        if (!result.error) {
          pooled.sent += 1;
          this.giveBack(pooled);
          return { kind: 'accepted', response: result.response ?? '' };
        }
        this.discard(pooled);
        const code = result.error.responseCode;
        if (typeof code === 'number' && code >= 400)
          return { kind: 'refused', permanent: code >= 500, error: result.error };
        return { kind: 'unknown', error: result.error };
      },
      abort: () => {
        if (settled) return;
        settled = true;
        this.discard(pooled);
      },
    };
  }

  /**
   * MAIL FROM, RCPT TO, DATA and the message without its end. Resolves once every byte
   * went to the socket, or with the server's refusal (the connection is then dropped).
   */
  private async start(
    pooled: Pooled,
    envelope: SMTPConnection.Envelope,
    raw: Buffer,
  ): Promise<
    | { ok: true; stream: HeldMessageStream; answer: Promise<SendResult>; answeredEarly(): boolean }
    | { ok: false; error: SmtpError }
  > {
    const stream = new HeldMessageStream(raw);
    let released = false;
    let answeredBeforeRelease = false;
    const answer = new Promise<SendResult>((resolve) => {
      pooled.connection.send(envelope, stream, (error, info) => {
        if (!released) answeredBeforeRelease = true;
        resolve({ error: error ?? null, ...(info ? { response: info.response } : {}) });
      });
    });
    const first = await Promise.race([
      stream.consumed.then(() => 'streamed' as const),
      answer.then(() => 'answered' as const),
    ]);
    if (first === 'answered') {
      this.discard(pooled);
      const { error } = await answer;
      return { ok: false, error: error ?? new Error('the SMTP server answered too early') };
    }
    return {
      ok: true,
      stream,
      answer,
      // Asked just before the end is released: an answer by then means no terminator.
      answeredEarly: () => {
        const early = answeredBeforeRelease;
        released = true;
        return early;
      },
    };
  }

  /** Says QUIT on idle connections; busy ones end with their message. */
  close(): void {
    this.closed = true;
    for (const pooled of this.idle.splice(0)) this.quit(pooled);
  }

  private async acquire(): Promise<Pooled> {
    for (let pooled = this.idle.pop(); pooled; pooled = this.idle.pop()) {
      if (!pooled.dead && Date.now() - pooled.idleSince < MAX_IDLE_MS) return pooled;
      this.discard(pooled);
    }
    return this.open();
  }

  private async open(): Promise<Pooled> {
    const connection = new SMTPConnection(this.options);
    const pooled: Pooled = { connection, sent: 0, idleSince: 0, dead: false };
    // Errors also reach the pending callback; without a listener they would be thrown.
    connection.on('error', () => (pooled.dead = true));
    connection.once('end', () => (pooled.dead = true));
    try {
      await new Promise<void>((resolve, reject) => {
        connection.once('error', reject);
        connection.connect((error) => {
          connection.removeListener('error', reject);
          if (error) reject(error);
          else resolve();
        });
      });
      if (this.auth && connection.allowsAuth)
        await new Promise<void>((resolve, reject) =>
          connection.login(this.auth, (error) => (error ? reject(error) : resolve())),
        );
    } catch (error) {
      this.discard(pooled);
      throw error;
    }
    return pooled;
  }

  private giveBack(pooled: Pooled): void {
    const worn = pooled.sent >= MAX_MESSAGES_PER_CONNECTION;
    if (this.closed || pooled.dead || worn || this.idle.length >= MAX_IDLE) {
      this.quit(pooled);
      return;
    }
    pooled.idleSince = Date.now();
    this.idle.push(pooled);
  }

  private quit(pooled: Pooled): void {
    pooled.dead = true;
    try {
      pooled.connection.quit();
    } catch {
      // Already gone.
    }
    // A server that does not answer QUIT must not keep the process alive.
    setTimeout(() => pooled.connection.close(), 2000).unref();
  }

  private discard(pooled: Pooled): void {
    pooled.dead = true;
    pooled.connection.close();
  }
}
