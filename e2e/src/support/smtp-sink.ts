import { once } from 'node:events';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Header fields by lower-case name (the first of each), unfolded. */
  headers: Record<string, string>;
  /** The user name the client signed in with (AUTH), when it did. */
  user?: string;
}

export interface SmtpSinkOptions {
  /** Hold each message this long before accepting it (a slow provider). */
  acceptDelayMs?: number;
  /**
   * Read only the headers (subject, Message-ID) and skip body parsing: `text` and `html`
   * stay empty. For runs of thousands of messages, where mailparser would cost seconds.
   * Header values are taken as they are sent (no RFC 2047 decoding), so keep subjects ASCII.
   */
  headersOnly?: boolean;
  /**
   * Require AUTH (PLAIN or LOGIN, allowed without TLS here) with this user name and
   * password; a client that does not sign in, or signs in wrongly, cannot send.
   */
  auth?: { user: string; pass: string };
  /**
   * Recipients refused at RCPT TO with `550 5.1.1 user unknown` (a hard bounce), in any
   * case; each refusal is counted in `refused`.
   */
  rejectRecipients?: readonly string[];
}

export interface SmtpSink {
  url: string;
  /** Every message the sink accepted (received up to the DATA terminator), in order. */
  messages: ReceivedMail[];
  /** Conversations that ended inside DATA, before the terminator: not accepted, not counted. */
  aborted: () => number;
  /** Recipients refused at RCPT TO (rejectRecipients), one entry per refusal. */
  refused: string[];
  stop: () => Promise<void>;
}

/**
 * A real SMTP server on a free port that keeps every message it receives. A message
 * counts once its DATA terminator has arrived; a connection that closes in the middle of
 * the message (a sender killed mid-delivery) leaves nothing in `messages`.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const refused: string[] = [];
  let aborted = 0;
  const auth = options.auth;
  const server = new SMTPServer({
    authOptional: auth === undefined,
    ...(auth
      ? {
          allowInsecureAuth: true,
          authMethods: ['PLAIN', 'LOGIN'],
          onAuth(credentials, _session, callback) {
            if (credentials.username === auth.user && credentials.password === auth.pass)
              callback(null, { user: credentials.username });
            else callback(new Error('wrong user name or password'));
          },
        }
      : {}),
    disabledCommands: ['STARTTLS'],
    // Every client is 127.0.0.1: a reverse DNS lookup per connection only costs time.
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const wanted = address.address.toLowerCase();
      if (!options.rejectRecipients?.some((r) => r.toLowerCase() === wanted)) return callback();
      refused.push(address.address);
      const error = Object.assign(new Error(`5.1.1 <${address.address}>: user unknown`), {
        responseCode: 550,
      });
      callback(error);
    },
    onData(stream, session, callback) {
      const envelope = {
        to: session.envelope.rcptTo.map((r) => r.address),
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        ...(typeof session.user === 'string' ? { user: session.user } : {}),
      };
      readWholeMessage(stream)
        .then(async (raw) => {
          if (raw === null) {
            aborted += 1;
            callback(new Error('connection closed before the end of the message'));
            return;
          }
          const content = options.headersOnly ? headerFields(raw) : await parsedFields(raw);
          if (options.acceptDelayMs) await new Promise((r) => setTimeout(r, options.acceptDelayMs));
          messages.push({ ...envelope, ...content });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.on('error', () => {
    // A client resetting its connection (a process killed with -9) is not the sink's problem.
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('smtp sink has no port');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    aborted: () => aborted,
    refused,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The message bytes once the terminator has arrived ('end'), or null when the stream was
 * destroyed first (the client went away mid-message).
 */
function readWholeMessage(stream: SMTPServerDataStream): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let ended = false;
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', () => resolve(null));
    stream.on('close', () => {
      if (!ended) resolve(null);
    });
  });
}

async function parsedFields(
  raw: Buffer,
): Promise<Pick<ReceivedMail, 'subject' | 'text' | 'html' | 'messageId' | 'headers'>> {
  const mail: ParsedMail = await simpleParser(raw);
  return {
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    messageId: mail.messageId ?? '',
    headers: headerFields(raw).headers,
  };
}

/** Subject, Message-ID and every field of the header block, unfolded; the body is not read. */
export function headerFields(
  raw: Buffer,
): Pick<ReceivedMail, 'subject' | 'text' | 'html' | 'messageId' | 'headers'> {
  const text = raw.toString('latin1');
  const blank = text.search(/\r?\n\r?\n/);
  const head = (blank === -1 ? text : text.slice(0, blank)).replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return {
    subject: fields.get('subject') ?? '',
    text: '',
    html: '',
    messageId: fields.get('message-id') ?? '',
    headers: Object.fromEntries(fields),
  };
}
