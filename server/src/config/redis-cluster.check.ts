import type { z } from 'zod';

/** With REDIS_CLUSTER: every seed node a redis:// URL, and a hash tag in REDIS_PREFIX. */
export function redisClusterSettings(
  values: { REDIS_CLUSTER: boolean; REDIS_URL: string; REDIS_PREFIX: string },
  ctx: z.RefinementCtx,
): void {
  if (!values.REDIS_CLUSTER) return;
  const bad = values.REDIS_URL.split(',').find((url) => !/^rediss?:\/\/[^,\s]+$/.test(url.trim()));
  if (bad !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_URL'],
      message: `with REDIS_CLUSTER, a comma list of redis:// node URLs ("${bad}" is not one)`,
    });
  if (!values.REDIS_PREFIX.includes('{'))
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_PREFIX'],
      message:
        'with REDIS_CLUSTER, needs a hash tag such as {switchyard}: BullMQ needs every key of a queue in one hash slot',
    });
}
