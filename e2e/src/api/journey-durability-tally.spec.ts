import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryProblems, tallyDeliveries } from '../support/delivery-tally.js';
import { NODE_A, NODE_B, nodeOfSubject } from '../support/durability.scenario.js';
import { headerFields, type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { waitFor } from '../support/switchyard.harness.js';

/**
 * The durability tests are only as good as their counting: these checks make sure the
 * tally and the SMTP sink can fail (duplicates, gaps, strangers, half-sent messages).
 */
const recipients = ['a@x.test', 'b@x.test', 'c@x.test'];
const mail = (to: string, subject: string, messageId = `<${subject}.${to}>`) => ({
  to: [to],
  subject,
  messageId,
});
const everyoneOnce = recipients.flatMap((r) => [mail(r, `A ${r}`), mail(r, `B ${r}`)]);

describe('durability tally: exactly one message per recipient per node', () => {
  const tally = (messages: ReturnType<typeof mail>[]) =>
    tallyDeliveries(messages, [NODE_A, NODE_B], recipients, nodeOfSubject);

  it('finds nothing wrong when everyone got A and B once', () => {
    const result = tally(everyoneOnce);
    expect(deliveryProblems(result)).toEqual([]);
    expect(result.nodes[NODE_A]?.received).toBe(3);
    expect(result.nodes[NODE_B]?.received).toBe(3);
  });

  it('names a recipient who got the same node twice, and the repeated Message-ID', () => {
    const result = tally([
      ...everyoneOnce,
      mail('B@x.test', 'A b@x.test', '<A b@x.test.b@x.test>'),
    ]);
    expect(result.nodes[NODE_A]?.duplicates).toEqual([{ recipient: 'b@x.test', count: 2 }]);
    expect(result.nodes[NODE_B]?.duplicates).toEqual([]);
    const problems = deliveryProblems(result);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('node email-a: 1 recipients got more than one message');
    expect(problems[0]).toContain('b@x.test ×2');
    expect(problems[1]).toContain('Message-IDs received more than once');
  });

  it('names recipients who got nothing from a node, strangers and unknown subjects', () => {
    const result = tally([
      ...everyoneOnce.filter((m) => !(m.to[0] === 'c@x.test' && m.subject.startsWith('B'))),
      mail('zed@x.test', 'A zed'),
      mail('a@x.test', 'Hello'),
    ]);
    expect(result.nodes[NODE_B]?.missing).toEqual(['c@x.test']);
    expect(result.nodes[NODE_A]?.unexpected).toEqual(['zed@x.test']);
    expect(result.unclassified.map((m) => m.subject)).toEqual(['Hello']);
    const problems = deliveryProblems(result).join('\n');
    expect(problems).toContain('node email-b: 1 recipients got nothing: c@x.test');
    expect(problems).toContain('node email-a: 1 unexpected recipients: zed@x.test');
    expect(problems).toContain('1 messages from no known node: "Hello" to a@x.test');
  });

  it('lists only the first few offenders of a long list', () => {
    const many = Array.from({ length: 25 }, (_, i) => `r${i}@x.test`);
    const result = tallyDeliveries([], [NODE_A], many, nodeOfSubject);
    const [line] = deliveryProblems(result, 3);
    expect(line).toBe(
      'node email-a: 25 recipients got nothing: r0@x.test, r1@x.test, r2@x.test, … (22 more)',
    );
  });

  it('reads Subject and Message-ID from a header block, unfolding long lines', () => {
    const raw = Buffer.from(
      [
        'From: a@x.test',
        'Subject: A very long',
        '\tsubject line',
        'Message-ID: <e1.email-a@switchyard.local>',
        '',
        'Subject: not a header',
      ].join('\r\n'),
    );
    expect(headerFields(raw)).toMatchObject({
      subject: 'A very long subject line',
      messageId: '<e1.email-a@switchyard.local>',
    });
  });
});

describe('SMTP sink: a message counts only once its DATA terminator arrived', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink({ headersOnly: true });
  });
  afterAll(() => sink?.stop());

  /** A raw SMTP client: sends each line after the previous reply arrived. */
  async function converse(lines: string[], end: 'quit' | 'drop'): Promise<string> {
    const { port } = new URL(sink.url);
    const socket: Socket = connect(Number(port), '127.0.0.1');
    let replies = '';
    let waiting: (() => void) | null = null;
    socket.on('data', (chunk: Buffer) => {
      replies += chunk.toString();
      waiting?.();
    });
    const reply = () =>
      new Promise<void>((resolve) => {
        waiting = resolve;
      });
    await reply(); // greeting
    for (const line of lines) {
      const answered = reply();
      socket.write(`${line}\r\n`);
      if (!line.endsWith('\r\n')) await answered;
    }
    if (end === 'quit') {
      const answered = reply();
      socket.write('QUIT\r\n');
      await answered;
      socket.destroy();
    } else {
      // Whatever was written is flushed, then the connection closes mid-message.
      socket.end();
    }
    return replies;
  }

  const envelope = ['EHLO test', 'MAIL FROM:<s@x.test>', 'RCPT TO:<a@x.test>', 'DATA'];

  it('drops a message whose connection closed before the terminator', async () => {
    await converse([...envelope, 'Subject: A half\r\n\r\nbody without an end\r\n'], 'drop');
    await waitFor(async () => (sink.aborted() === 1 ? true : undefined), 5000, 'the abort');
    expect(sink.messages).toHaveLength(0);
  });

  it('keeps a complete message with its recipient, subject and Message-ID', async () => {
    const replies = await converse(
      [...envelope, 'Subject: A whole\r\nMessage-ID: <m1@x.test>\r\n\r\nbody\r\n.'],
      'quit',
    );
    expect(replies).toMatch(/^250 /m);
    expect(sink.messages).toEqual([
      {
        to: ['a@x.test'],
        from: 's@x.test',
        subject: 'A whole',
        messageId: '<m1@x.test>',
        text: '',
        html: '',
        headers: { subject: 'A whole', 'message-id': '<m1@x.test>' },
      },
    ]);
    expect(sink.aborted()).toBe(1);
  });
});
