import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.service.js';

/** The Postgres notification channel (per database, so per installation). */
export const API_KEY_REVOKED_CHANNEL = 'switchyard_api_key_revoked';
/** Waits before listening again after the connection was lost: 0.5 s, doubling to 10 s. */
const RETRY_MS = { first: 500, max: 10_000 };

/**
 * Tells every process of the installation that a key was revoked, so each drops it from
 * its key cache at once. The revoke's own transaction sends `NOTIFY` with the key's hash
 * (`announce`); Postgres delivers it on commit to every process listening on the database,
 * each on a connection of its own. Redis plays no part: a revoke that committed reaches
 * every listening process.
 *
 * While a process is not listening (starting, or its connection lost and being opened
 * again) `listening` is false and ApiKeyService trusts no cached key; listening again
 * empties the cache (`onResubscribed`), since revocations may have been missed meanwhile.
 */
@Injectable()
export class ApiKeyRevocationsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyRevocationsService.name);
  private readonly revokedListeners: ((keyHash: string) => void)[] = [];
  private readonly resubscribedListeners: (() => void)[] = [];
  private client: pg.Client | undefined;
  private retryMs = RETRY_MS.first;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private connected = false;

  constructor(private readonly config: AppConfig) {}

  /** Whether revocations made anywhere reach this process now. */
  get listening(): boolean {
    return this.connected;
  }

  /** `listener` is called with the hash of every key revoked anywhere. */
  onRevoked(listener: (keyHash: string) => void): void {
    this.revokedListeners.push(listener);
  }

  /** `listener` is called each time listening starts: revocations may have been missed. */
  onResubscribed(listener: () => void): void {
    this.resubscribedListeners.push(listener);
  }

  /** Sends the revocation with the transaction `em` belongs to: delivered if it commits. */
  async announce(em: EntityManager, keyHash: string): Promise<void> {
    await em.query(`SELECT pg_notify($1, $2)`, [API_KEY_REVOKED_CHANNEL, keyHash]);
  }

  /** Listens in the background: the first connection is opened with the database's. */
  onModuleInit(): void {
    void this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.config.values.DATABASE_URL,
      application_name: 'switchyard api-key revocations',
      keepAlive: true,
    });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel !== API_KEY_REVOKED_CHANNEL || !message.payload) return;
      for (const listener of this.revokedListeners) listener(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection closed')));
    try {
      await client.connect();
      await client.query(`LISTEN ${API_KEY_REVOKED_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return;
    this.connected = true;
    this.retryMs = RETRY_MS.first;
    for (const listener of this.resubscribedListeners) listener();
  }

  /** Stops trusting the cache and listens again after a pause (once per lost client). */
  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.connected = false;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.warn(
      `not listening for API key revocations (${error.message}); keys are looked up on every request until it listens again in ${this.retryMs} ms`,
    );
    this.retryTimer = setTimeout(() => void this.listen(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MS.max);
  }
}
