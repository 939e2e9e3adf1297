import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Marks a sealed value (and its format: AES-256-GCM, 12-byte IV, 16-byte tag, base64). */
export const SEALED_PREFIX = 'v1:';
export const SECRETS_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_BODY =
  /^(?:[A-Za-z0-9+/]{4})+$|^(?:[A-Za-z0-9+/]{4})*[A-Za-z0-9+/]{2}(?:==|[A-Za-z0-9+/]=)$/;

/** A sealed value that does not open: another key, another context, or altered. */
export class SecretUnreadableError extends Error {
  override readonly name = 'SecretUnreadableError';
}

/**
 * Seals secrets for storage with AES-256-GCM under the installation's key (SECRETS_KEY
 * or the generated key file). A sealed value reads `v1:<base64 of iv | tag | ciphertext>`,
 * so plaintext and ciphertext are told apart. Each value is bound to its `context` (the
 * workspace and the field, as GCM's additional data): a value copied to another
 * workspace or field does not open.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== SECRETS_KEY_BYTES)
      throw new Error(`a secrets key has ${SECRETS_KEY_BYTES} bytes, not ${key.length}`);
    this.key = Buffer.from(key);
  }

  /** `v1:` and base64 of at least an IV and a tag: what seal() writes. */
  static isSealed(value: string): boolean {
    if (!value.startsWith(SEALED_PREFIX)) return false;
    const body = value.slice(SEALED_PREFIX.length);
    return SEALED_BODY.test(body) && (body.length / 4) * 3 >= IV_BYTES + TAG_BYTES;
  }

  /**
   * An HMAC-SHA256 of `message` under a key of its own for `purpose` (derived from the
   * installation's key), for links that must not be forged (an unsubscribe link).
   */
  mac(purpose: string, message: string): Buffer {
    const key = createHmac('sha256', this.key).update(`mac:${purpose}`, 'utf8').digest();
    return createHmac('sha256', key).update(message, 'utf8').digest();
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string, context: string): string {
    if (!SecretBox.isSealed(sealed))
      throw new SecretUnreadableError(`${context}: the stored value is not sealed`);
    const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const body = raw.subarray(IV_BYTES + TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError(
        `${context}: the stored secret does not open with this SECRETS_KEY (was the key changed?)`,
      );
    }
  }
}

/** Where each workspace secret is bound (GCM additional data). */
export const secretContext = {
  signingSecret: (workspaceId: string) => `workspace:${workspaceId}:signing_secret`,
  smsProvider: (workspaceId: string) => `workspace:${workspaceId}:sms_provider`,
  emailProvider: (workspaceId: string) => `workspace:${workspaceId}:email_provider`,
  named: (workspaceId: string, name: string) => `workspace:${workspaceId}:secret:${name}`,
} as const;
