import { once } from 'node:events';
import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  from: string;
  to: string[];
  messageId: string;
  raw: string;
}

export interface SmtpSink {
  url: string;
  /** Messages received in full (terminator seen) and accepted. */
  messages: SunkMail[];
  /** Messages whose data stream ended without the terminator (connection lost). */
  aborted: number;
  /** Called on the first data chunk of every message. */
  onFirstChunk: (() => void) | undefined;
  /**
   * The answer to give at the end of the data of messages to this recipient (lower case): a code, or a
   * code and its text (e.g. `5.1.1 mailbox unavailable`, an enhanced status).
   */
  refuseAtEnd: Map<string, number | { code: number; text: string }>;
  /** Connections opened so far. */
  connections: number;
  /** Cuts every open connection (a server restart, an idle timeout). */
  dropConnections(): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on a free port. RCPT TO a `bounce@` address is
 * refused with 550; `refuseAtEnd` refuses a message after its data.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    messages: [],
    aborted: 0,
    onFirstChunk: undefined,
    refuseAtEnd: new Map(),
    connections: 0,
    dropConnections: () => undefined,
    stop: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce@'))
        return callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let first = true;
      stream.on('data', (chunk: Buffer) => {
        if (first) sink.onFirstChunk?.();
        first = false;
        chunks.push(chunk);
      });
      stream.on('error', () => {
        sink.aborted += 1;
      });
      stream.on('end', () => {
        // smtp-server ends the stream only at the terminator; a lost connection errors it.
        if (stream.sizeExceeded) return callback(new Error('too big'));
        const to = session.envelope.rcptTo.map((r) => r.address);
        const refusal = to
          .map((address) => sink.refuseAtEnd.get(address.toLowerCase()))
          .find(Boolean);
        if (refusal) {
          const { code, text } =
            typeof refusal === 'number' ? { code: refusal, text: 'refused at end' } : refusal;
          return callback(Object.assign(new Error(text), { responseCode: code }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        sink.messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to,
          messageId: /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '',
          raw,
        });
        callback();
      });
    },
  });
  const sockets = new Set<Socket>();
  server.server.on('connection', (socket: Socket) => {
    sink.connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  sink.dropConnections = () => sockets.forEach((socket) => socket.destroy());
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('smtp sink has no port');
  sink.url = `smtp://127.0.0.1:${address.port}`;
  sink.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
