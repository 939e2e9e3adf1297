import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { SecretBox } from '../secrets/secret-box.js';

/** The token of the links previews and test sends show: it unsubscribes no one. */
export const PREVIEW_UNSUBSCRIBE_TOKEN = 'preview';
/** Bytes of the HMAC kept in a link: 128 bits, enough that none can be guessed. */
const MAC_BYTES = 16;
const PURPOSE = 'unsubscribe-link';

/** Whom a link unsubscribes, and the journey step whose e-mail carried it (when one did). */
export interface UnsubscribeTarget {
  workspaceId: string;
  customerId: string;
  message?: UnsubscribeSource;
}

/** The run and node of the e-mail a link was sent in: its unsubscribes are counted there. */
export interface UnsubscribeSource {
  enrollmentId: string;
  nodeId: string;
}

/**
 * Unsubscribe links: `<PUBLIC_URL>/u/<token>`, the token naming the workspace, the
 * customer and the e-mail's run and node (for the node's unsubscribe count), signed with a key derived from the installation's SECRETS_KEY, so a link
 * cannot be made for another customer. A link does not expire: an e-mail read a year later
 * still unsubscribes.
 */
@Injectable()
export class UnsubscribeLinks {
  private readonly base: string;

  constructor(
    private readonly box: SecretBox,
    config: AppConfig,
  ) {
    this.base = config.publicUrl.replace(/\/+$/, '');
  }

  url(target: UnsubscribeTarget): string {
    return `${this.base}/u/${this.token(target)}`;
  }

  /** Whether a URL is an unsubscribe link or preference center of this installation. */
  isOwnLink(url: string): boolean {
    return url.startsWith(`${this.base}/u/`);
  }

  /** What previews and test sends put where the link goes. */
  previewUrl(): string {
    return `${this.base}/u/${PREVIEW_UNSUBSCRIBE_TOKEN}`;
  }

  token({ workspaceId, customerId, message }: UnsubscribeTarget): string {
    const payload = message
      ? `${workspaceId}:${customerId}:${message.enrollmentId}:${message.nodeId}`
      : `${workspaceId}:${customerId}`;
    return `${Buffer.from(payload, 'utf8').toString('base64url')}.${this.mac(payload)}`;
  }

  /** Whom a token unsubscribes; null when it was not made here (or was altered). */
  read(token: string): UnsubscribeTarget | null {
    const match = /^([A-Za-z0-9_-]{1,300})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!match?.[1] || !match[2]) return null;
    const payload = Buffer.from(match[1], 'base64url').toString('utf8');
    const parts =
      /^([0-9a-f-]{36}):([1-9]\d{0,18})(?::([0-9a-f-]{36}):([A-Za-z0-9_-]{1,64}))?$/.exec(payload);
    if (!parts?.[1] || !parts[2]) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(match[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const target = { workspaceId: parts[1], customerId: parts[2] };
    const [enrollmentId, nodeId] = [parts[3], parts[4]];
    return enrollmentId && nodeId ? { ...target, message: { enrollmentId, nodeId } } : target;
  }

  private mac(payload: string): string {
    return this.box.mac(PURPOSE, payload).subarray(0, MAC_BYTES).toString('base64url');
  }
}
