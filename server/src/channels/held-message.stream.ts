import { Readable } from 'node:stream';

/**
 * The bytes of a composed message, handed out in full but without an end until
 * `release()`. nodemailer's SMTP client writes the DATA terminator (`\r\n.\r\n`) only when
 * the message stream ends, so until then the server holds an incomplete message, which
 * SMTP discards if the connection goes away.
 *
 * `consumed` resolves once the client has taken every byte (the stream is read again
 * only after its one chunk went out: highWaterMark 0 buffers nothing ahead).
 */
export class HeldMessageStream extends Readable {
  readonly consumed: Promise<void>;
  private markConsumed!: () => void;
  private handedOut = false;

  constructor(private readonly message: Buffer) {
    super({ highWaterMark: 0 });
    this.consumed = new Promise<void>((resolve) => (this.markConsumed = resolve));
  }

  override _read(): void {
    if (this.handedOut) {
      this.markConsumed();
      return;
    }
    this.handedOut = true;
    this.push(this.message);
  }

  /** Ends the stream: the client then writes the terminator. */
  release(): void {
    if (!this.destroyed && !this.readableEnded) this.push(null);
  }
}
