import { Controller, Get, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { withinTime } from '../common/deadline.util.js';
import { Public } from '../common/request-context.js';
import { RedisService } from '../queues/redis.provider.js';

type Check = { status: 'up' } | { status: 'down'; error: string };

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisService,
  ) {}

  /** The process is running. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Postgres and Redis answer: the instance can take traffic. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis] = await Promise.all([
      this.check(async () => {
        await this.db.query('SELECT 1');
      }),
      this.check(async () => {
        await this.redis.client.ping();
      }),
    ]);
    const body = {
      status: postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'unavailable',
      postgres,
      redis,
    };
    if (body.status !== 'ok') void reply.status(503).header('retry-after', '5');
    return body;
  }

  private async check(probe: () => Promise<void>): Promise<Check> {
    try {
      await withinTime(probe(), 2000, 'timed out after 2 s');
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }
}
