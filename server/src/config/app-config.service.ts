import { Injectable } from '@nestjs/common';
import { appConfigSchema, type AppConfigValues } from './app-config.schema.js';
import { redisClusterSettings } from './redis-cluster.check.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Typed configuration, validated once at boot. Nothing else in the server reads
 * `process.env`.
 */
@Injectable()
export class AppConfig {
  readonly values: Readonly<AppConfigValues>;

  constructor(values: AppConfigValues) {
    this.values = Object.freeze(values);
  }

  static fromEnv(env: Record<string, string | undefined>): AppConfig {
    const relevant = Object.fromEntries(
      Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
    );
    const parsed = appConfigSchema.superRefine(redisClusterSettings).safeParse(relevant);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
    }
    return new AppConfig(parsed.data);
  }

  get runsApi(): boolean {
    return this.values.ROLE.has('api');
  }

  /** Journey steps, segment evaluation, backfills and the reconciler. */
  get runsWorkers(): boolean {
    return this.values.ROLE.has('worker');
  }

  /** Outbox delivery (SMTP, SMS and webhook providers). */
  get runsSender(): boolean {
    return this.values.ROLE.has('sender');
  }

  /** The roles, as printed at startup. */
  get roleNames(): string {
    return [...this.values.ROLE].join(',');
  }

  get publicUrl(): string {
    return this.values.PUBLIC_URL ?? `http://localhost:${this.values.PORT}`;
  }
}
