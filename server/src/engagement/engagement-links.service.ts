import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { SecretBox } from '../secrets/secret-box.js';

/** Bytes of the HMAC kept in a link: 128 bits, enough that none can be guessed. */
const MAC_BYTES = 16;
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
    const payload = payloadOf(message);
    return `${this.base}/o/${encode(payload)}.${this.mac(payload, '')}`;
  }

  clickUrl(message: TrackedMessage, url: string): string {
    const payload = payloadOf(message);
    return `${this.base}/c/${encode(payload)}.${this.mac(payload, url)}?u=${encodeURIComponent(url)}`;
  }

  /** The e-mail a pixel's or link's token names; null when it was not made here for `url`. */
  read(token: string, url = ''): TrackedMessage | null {
    const match = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!match?.[1] || !match[2]) return null;
    const payload = Buffer.from(match[1], 'base64url').toString('utf8');
    // A node id is any text of 1 to 200 characters: the rest of the payload.
    const parts = /^([0-9a-f-]{36}):([1-9]\d{0,18}):([0-9a-f-]{36}):([^]{1,200})$/.exec(payload);
    if (!parts?.[1] || !parts[2] || !parts[3] || !parts[4]) return null;
    const expected = Buffer.from(this.mac(payload, url));
    const given = Buffer.from(match[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return {
      workspaceId: parts[1],
      customerId: parts[2],
      enrollmentId: parts[3],
      nodeId: parts[4],
    };
  }

  private mac(payload: string, url: string): string {
    return this.box.mac(PURPOSE, `${payload}\n${url}`).subarray(0, MAC_BYTES).toString('base64url');
  }
}

const payloadOf = (m: TrackedMessage) =>
  `${m.workspaceId}:${m.customerId}:${m.enrollmentId}:${m.nodeId}`;
const encode = (payload: string) => Buffer.from(payload, 'utf8').toString('base64url');
