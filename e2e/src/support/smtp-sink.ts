import { once } from 'node:events';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

export interface SmtpSinkOptions {
  /** Hold each message this long before accepting it (a slow provider). */
  acceptDelayMs?: number;
}

/** A real SMTP server on a free port that keeps every message it receives. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<{
  url: string;
  messages: ReceivedMail[];
  stop: () => Promise<void>;
}> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail: ParsedMail) => {
          if (options.acceptDelayMs) await new Promise((r) => setTimeout(r, options.acceptDelayMs));
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? '',
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('smtp sink has no port');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
