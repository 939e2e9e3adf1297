import { z } from 'zod';

export const PROCESS_ROLES = ['api', 'worker', 'sender'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every environment variable Switchyard reads, with its default. Read once, at boot. */
export const appConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * What this process runs: a comma list of api (HTTP), worker (journey steps, segment
   * evaluation, reconciler) and sender (outbox delivery); all = every one.
   */
  ROLE: z
    .string()
    .default('all')
    .transform((value, ctx) => {
      const parts = value.split(',').map((p) => p.trim());
      const roles = new Set<ProcessRole>();
      for (const part of parts) {
        if (part === 'all') PROCESS_ROLES.forEach((r) => roles.add(r));
        else if ((PROCESS_ROLES as readonly string[]).includes(part))
          roles.add(part as ProcessRole);
        else {
          ctx.addIssue({
            code: 'custom',
            message: `"${part}" is not a role: use all or a comma list of ${PROCESS_ROLES.join(', ')}`,
          });
          return z.NEVER;
        }
      }
      return roles as ReadonlySet<ProcessRole>;
    }),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  /**
   * Which proxies' X-Forwarded-For is believed for the client address (sign-in throttling,
   * logs): `true`, `false`, or addresses / CIDRs / the keywords loopback, linklocal and
   * uniquelocal (proxy-addr), comma-separated. The default believes proxies on the machine
   * or a private network only, so a client on the Internet cannot pick its address.
   */
  TRUST_PROXY: z
    .string()
    .default('loopback,linklocal,uniquelocal')
    .transform((value): boolean | string => {
      const v = value.trim();
      if (v === 'true') return true;
      if (v === 'false') return false;
      return v;
    }),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/switchyard'),
  /** Steps and deliveries each hold a connection: at least their concurrencies plus the API. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(50),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  /**
   * Redis Cluster: REDIS_URL is then a comma list of seed nodes (redis://host:port,...)
   * and REDIS_PREFIX must have a hash tag.
   */
  REDIS_CLUSTER: bool.default(false),
  /**
   * Namespaces every Redis key. For Redis Cluster put a hash tag in it (`{switchyard}`):
   * BullMQ needs all keys of a queue in one hash slot.
   */
  REDIS_PREFIX: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]*(\{[A-Za-z0-9_-]+\}[A-Za-z0-9_-]*)?$/,
      'letters, digits, "_" and "-", with at most one hash tag in braces such as {switchyard}',
    )
    .min(1)
    .default('switchyard'),
  /** smtp://user:pass@host:port. Unset: emails are written to the log instead of sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  EMAIL_FROM: z.string().default('Switchyard <no-reply@switchyard.local>'),
  /**
   * Lets webhooks and SMS providers reach loopback, private, link-local and other
   * non-public addresses (refused by default: SSRF guard). For local development only.
   */
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  /**
   * Base64 of 32 random bytes: the AES-256-GCM key that seals workspace secrets in the
   * database (signing secrets, SMS provider credentials, plugin secrets). Unset: a key is
   * generated on the first start into DATA_DIR/secrets.key (a warning says so).
   */
  SECRETS_KEY: z
    .string()
    .refine(
      (v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32,
      'must be base64 of 32 bytes (openssl rand -base64 32)',
    )
    .optional(),
  /** Files the server keeps (the generated secrets key); relative to the working directory. */
  DATA_DIR: z.string().default('data'),
  /** A webhook or SMS provider request that takes longer is abandoned and retried. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** A step preview (a dry run in the editor) that takes longer is answered as failed. */
  STEP_PREVIEW_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Outbox messages delivered at once by a sender process. */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  /** The most messages recorded in one transaction (group commit); 1 delivers one by one. */
  DELIVERY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  /**
   * In a process that runs both `worker` and `sender`, a step's messages get their first
   * delivery attempt right after the step commits, from the step's worker (retries go
   * through the outbox queue). Off: every attempt goes through the outbox queue.
   */
  SEND_AFTER_STEP: bool.default(true),
  BOOTSTRAP_API_KEY: z
    .string()
    .regex(/^sk_[A-Za-z0-9_-]{16,}$/, 'must look like sk_ followed by at least 16 characters')
    .optional(),
  SEED_DEMO: bool.default(true),
  /** The first workspace's owner, created without a password; the banner prints a setup link. */
  OWNER_EMAIL: z.email('must be an e-mail address').default('owner@switchyard.local'),
  /** A web session ends after this many days without a request (sliding expiry). */
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Full re-evaluation of every segment "as of now" (time-based rules). 0 turns it off. */
  SEGMENT_REFRESH_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Association rules (cross-sell) are recomputed this often; 0 turns the schedule off. */
  RECOMMENDATIONS_REFRESH_SECONDS: z.coerce.number().int().min(0).default(3600),
  /** Real-time re-evaluation of customers who sent events waits this long to batch them. */
  REALTIME_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(300),
  /** How often the reconciler re-enqueues due work from Postgres (after a Redis loss). */
  RECONCILE_SECONDS: z.coerce.number().int().min(0).default(30),
  /** A segment preview counts exactly within this budget, else answers with an estimate. */
  PREVIEW_EXACT_BUDGET_MS: z.coerce.number().int().min(1).max(60_000).default(500),
  /**
   * Action-node plugins: comma-separated npm package names or folders (a folder's
   * package.json `main`, else index.js), each exporting `defineActionPackage(...)`.
   */
  PLUGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
  /** Journey step jobs a worker process holds at once (they are run in batches). */
  STEP_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(200),
  /** The most steps run in one transaction (group commit); 1 runs every step on its own. */
  STEP_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** Step batches a worker process runs at once (each holds a database connection). */
  STEP_BATCH_PARALLEL: z.coerce.number().int().min(1).max(64).default(2),
  /** Set: `/metrics` needs `Authorization: Bearer <METRICS_TOKEN>`. Unset: open (no API key). */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /**
   * Token bucket per API key for /v1/* and POST /api/imports (ingest traffic): requests
   * per second, and how many may come at once above that rate. Over it: 429 with
   * Retry-After. 0 turns the limit off. Kept in Redis (shared by every API process); if
   * Redis is down requests are let through (and a warning is logged).
   */
  RATE_LIMIT_INGEST_PER_SECOND: z.coerce.number().min(0).max(1_000_000).default(1000),
  RATE_LIMIT_INGEST_BURST: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  /** The same for every other route, per API key or signed-in person. */
  RATE_LIMIT_ADMIN_PER_SECOND: z.coerce.number().min(0).max(1_000_000).default(200),
  RATE_LIMIT_ADMIN_BURST: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** Largest request body of /v1/* (bytes): a larger one is a 413 naming the limit. */
  BODY_LIMIT_INGEST_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 ** 3)
    .default(4 * 1024 ** 2),
  /** Largest JSON body of every other route (bytes). */
  BODY_LIMIT_ADMIN_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 ** 3)
    .default(10 * 1024 ** 2),
  /** Largest POST /api/imports body (bytes); imports stream, so this is not held in memory. */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 ** 3),
  /**
   * The whole request, body included, must arrive within this (Fastify requestTimeout;
   * 408 and the connection closed). Imports stream within it. 0: no limit.
   */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(600_000),
  /** A connection with no traffic for this long is closed (Fastify connectionTimeout). */
  CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(300_000),
  /** An ingest request not answered within this gets 503 with Retry-After (retry it). */
  INGEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** The same for every other route (imports excepted: they stream). */
  ADMIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
});

export type AppConfigValues = z.output<typeof appConfigSchema>;
