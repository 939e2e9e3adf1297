import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ApiKeyScope, ApiKeyView, CreatedApiKey } from '@switchyard/contracts';
import { type EntityManager, IsNull, type Repository } from 'typeorm';
import { ApiKeyRevocationsService } from './api-key-revocations.service.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { generateApiKey, hashApiKey } from './api-key.util.js';

export interface ResolvedKey {
  workspaceId: string;
  apiKeyId: string;
  name: string;
  scope: ApiKeyScope;
}

interface CachedKey extends ResolvedKey {
  expiresAt: number;
}

/**
 * How long a process trusts a key it has looked up. A revoke clears every process's cache
 * as it commits (ApiKeyRevocationsService), and a process that is not listening for that
 * caches nothing; this bounds what a silently broken connection could miss.
 */
const CACHE_MS = 10_000;
/** `last_used_at` is written at most this often per key and process. */
const LAST_USED_EVERY_MS = 60_000;

@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger(ApiKeyService.name);
  /** Ingest authenticates every request: a short cache keeps that off the database. */
  private readonly cache = new Map<string, CachedKey>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly revocations: ApiKeyRevocationsService,
  ) {
    revocations.onRevoked((keyHash) => this.cache.delete(keyHash));
    revocations.onResubscribed(() => this.cache.clear());
  }

  async resolve(key: string): Promise<ResolvedKey | null> {
    const hash = hashApiKey(key);
    const now = Date.now();
    let entry = this.cache.get(hash);
    if (!entry || entry.expiresAt <= now || !this.revocations.listening) {
      const found = await this.keys.findOne({ where: { keyHash: hash, revokedAt: IsNull() } });
      if (!found) {
        this.cache.delete(hash);
        return null;
      }
      entry = {
        workspaceId: found.workspaceId,
        apiKeyId: found.id,
        name: found.name,
        scope: found.scope,
        expiresAt: now + CACHE_MS,
      };
      if (this.cache.size > 10_000) this.cache.clear();
      // Not listening for revocations: a cached key could outlive its revoke.
      if (this.revocations.listening) this.cache.set(hash, entry);
    }
    this.touch(entry.apiKeyId, now);
    return entry;
  }

  /** Records use at most once a minute per key, so ingest does not write per request. */
  private touch(apiKeyId: string, now: number): void {
    const last = this.lastUsedWritten.get(apiKeyId);
    if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
    if (this.lastUsedWritten.size > 10_000) this.lastUsedWritten.clear();
    this.lastUsedWritten.set(apiKeyId, now);
    this.keys.update({ id: apiKeyId }, { lastUsedAt: new Date(now) }).catch((error: unknown) => {
      this.lastUsedWritten.delete(apiKeyId);
      this.logger.warn({ err: error }, 'could not record when an API key was last used');
    });
  }

  /** Creates a key and returns it in clear: the only time it is ever visible. */
  async create(
    workspaceId: string,
    name: string,
    scope: ApiKeyScope,
    key = generateApiKey(),
    em?: EntityManager,
  ): Promise<CreatedApiKey> {
    const repo = em ? em.getRepository(ApiKeyEntity) : this.keys;
    const saved = await repo.save(
      repo.create({
        workspaceId,
        name,
        scope,
        keyHash: hashApiKey(key),
        keyPrefix: key.slice(0, 7),
      }),
    );
    return { ...toView(saved), key };
  }

  /** Every key of the workspace, newest first, revoked ones included. */
  async list(workspaceId: string): Promise<ApiKeyView[]> {
    const rows = await this.keys.find({ where: { workspaceId }, order: { createdAt: 'DESC' } });
    return rows.map(toView);
  }

  /** Revokes a key: it answers 401 from now on, in every process. */
  async revoke(workspaceId: string, id: string): Promise<ApiKeyView> {
    const found = await this.keys.findOne({ where: { id, workspaceId } });
    if (!found)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `API key ${id} not found`,
      });
    if (!found.revokedAt) {
      const revokedAt = new Date();
      await this.keys.manager.transaction(async (em) => {
        await em.update(ApiKeyEntity, { id, workspaceId }, { revokedAt });
        await this.revocations.announce(em, found.keyHash);
      });
      found.revokedAt = revokedAt;
    }
    this.cache.delete(found.keyHash);
    return toView(found);
  }
}

function toView(row: ApiKeyEntity): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    prefix: row.keyPrefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
