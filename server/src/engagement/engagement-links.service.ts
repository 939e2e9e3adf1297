import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { SecretBox } from '../secrets/secret-box.js';
import { openToken, signToken } from '../secrets/signed-token.util.js';

const PURPOSE = 'engagement-link';

/** The e-mail a tracked link or pixel was sent in: whose, and which run and step sent it. */
export interface TrackedMessage {
  workspaceId: string;
  customerId: string;
  enrollmentId: string;
  nodeId: string;
}

/**
 * Links that count opens and clicks: `<PUBLIC_URL>/o/<token>` (the pixel) and
 * `<PUBLIC_URL>/c/<token>?u=<url>` (a link, redirected to `url`). The token names the
 * e-mail and is signed with a key derived from SECRETS_KEY; a click's signature also
 * covers its destination, so no one can make Switchyard redirect anywhere else.
 */
@Injectable()
export class EngagementLinks {
  private readonly base: string;

  constructor(
    private readonly box: SecretBox,
    config: AppConfig,
  ) {
    this.base = config.publicUrl.replace(/\/+$/, '');
  }

  openUrl(message: TrackedMessage): string {
    return `${this.base}/o/${signToken(this.box, PURPOSE, payloadOf(message), '')}`;
  }

  clickUrl(message: TrackedMessage, url: string): string {
    const token = signToken(this.box, PURPOSE, payloadOf(message), url);
    return `${this.base}/c/${token}?u=${encodeURIComponent(url)}`;
  }

  /** The e-mail a pixel's or link's token names; null when it was not made here for `url`. */
  read(token: string, url = ''): TrackedMessage | null {
    const payload = openToken(this.box, PURPOSE, token, url);
    if (payload === null) return null;
    // A node id is any text of 1 to 200 characters: the rest of the payload.
    const parts = /^([0-9a-f-]{36}):([1-9]\d{0,18}):([0-9a-f-]{36}):([^]{1,200})$/.exec(payload);
    if (!parts?.[1] || !parts[2] || !parts[3] || !parts[4]) return null;
    return {
      workspaceId: parts[1],
      customerId: parts[2],
      enrollmentId: parts[3],
      nodeId: parts[4],
    };
  }
}

const payloadOf = (m: TrackedMessage) =>
  `${m.workspaceId}:${m.customerId}:${m.enrollmentId}:${m.nodeId}`;
