import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, type Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';
import { generateApiKey, hashApiKey } from './api-key.util.js';

interface CachedKey {
  workspaceId: string;
  apiKeyId: string;
  expiresAt: number;
}

const CACHE_MS = 30_000;

@Injectable()
export class ApiKeyService {
  /** Ingest authenticates every request: a short cache keeps that off the database. */
  private readonly cache = new Map<string, CachedKey | null>();

  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async resolve(key: string): Promise<{ workspaceId: string; apiKeyId: string } | null> {
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > Date.now()) return cached;
    const found = await this.keys.findOne({ where: { keyHash: hash, revokedAt: IsNull() } });
    if (!found) return null;
    const entry = {
      workspaceId: found.workspaceId,
      apiKeyId: found.id,
      expiresAt: Date.now() + CACHE_MS,
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, entry);
    void this.keys.update({ id: found.id }, { lastUsedAt: new Date() });
    return entry;
  }

  /** Creates a key and returns it in clear: the only time it is ever visible. */
  async create(
    workspaceId: string,
    name: string,
    key = generateApiKey(),
    em?: EntityManager,
  ): Promise<string> {
    const repo = em ? em.getRepository(ApiKeyEntity) : this.keys;
    await repo.insert({
      workspaceId,
      name,
      keyHash: hashApiKey(key),
      keyPrefix: key.slice(0, 7),
    });
    return key;
  }
}
