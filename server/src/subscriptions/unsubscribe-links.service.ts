import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { SecretBox } from '../secrets/secret-box.js';
import { openToken, signToken } from '../secrets/signed-token.util.js';

/** The token of the links previews and test sends show: it unsubscribes no one. */
export const PREVIEW_UNSUBSCRIBE_TOKEN = 'preview';
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
    return signToken(this.box, PURPOSE, payload);
  }

  /** Whom a token unsubscribes; null when it was not made here (or was altered). */
  read(token: string): UnsubscribeTarget | null {
    const payload = openToken(this.box, PURPOSE, token);
    if (payload === null) return null;
    const parts =
      /^([0-9a-f-]{36}):([1-9]\d{0,18})(?::([0-9a-f-]{36}):([A-Za-z0-9_-]{1,64}))?$/.exec(payload);
    if (!parts?.[1] || !parts[2]) return null;
    const target = { workspaceId: parts[1], customerId: parts[2] };
    const [enrollmentId, nodeId] = [parts[3], parts[4]];
    return enrollmentId && nodeId ? { ...target, message: { enrollmentId, nodeId } } : target;
  }
}
