import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MeView } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { selectOne } from '../database/sql.util.js';
import { type Actor, actorRole } from './actor.types.js';

/** Who the caller is and in which workspace (the web app's first request). */
@Injectable()
export class MeService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async describe(actor: Actor): Promise<MeView> {
    const workspace = await selectOne<{ id: string; name: string }>(
      this.db,
      'SELECT id, name FROM workspaces WHERE id = $1',
      [actor.workspaceId],
    );
    const ws = workspace ?? { id: actor.workspaceId, name: '' };
    switch (actor.kind) {
      case 'user':
        return {
          actor: { type: 'user', id: actor.userId, email: actor.email, role: actor.role },
          workspace: ws,
        };
      case 'api_key':
        return {
          actor: {
            type: 'api_key',
            id: actor.apiKeyId,
            name: actor.name,
            scope: actor.scope,
            role: actorRole(actor),
          },
          workspace: ws,
        };
      default: {
        const never: never = actor;
        throw new Error(`unknown actor ${JSON.stringify(never)}`);
      }
    }
  }
}
