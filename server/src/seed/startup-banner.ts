import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import type { BootstrapResult } from './workspace-bootstrap.service.js';

export interface BannerFacts {
  databaseCreated: boolean;
  database: string;
  hasWeb: boolean;
}

/** What a person needs after `npm start`: where to go, how to sign in, which key to use. */
@Injectable()
export class StartupBanner {
  private bootstrap: BootstrapResult | null = null;
  private seeded: string | null = null;

  constructor(private readonly config: AppConfig) {}

  record(bootstrap: BootstrapResult, seeded: string | null): void {
    this.bootstrap = bootstrap;
    this.seeded = seeded;
  }

  print(facts: BannerFacts): void {
    const url = this.config.publicUrl;
    const key = this.bootstrap?.apiKey;
    const owner = this.bootstrap?.owner;
    const lines = [
      '',
      '  Switchyard is running',
      `  role ${this.config.roleNames} · database "${facts.database}"${facts.databaseCreated ? ' (created)' : ''}`,
      this.seeded ? `  demo workspace seeded: ${this.seeded}` : null,
      '',
      facts.hasWeb
        ? `  Open   ${url}/${key ? `#key=${key}` : ''}`
        : `  Web app not built (run npm run build); API at ${url}`,
      owner?.setupLink
        ? `  Setup  ${owner.setupLink}\n         choose the password of the owner ${owner.email} (one-time link, 7 days)`
        : owner
          ? `  Owner  ${owner.email} (sign in at ${url}/; npm run owner-link prints a reset link)`
          : null,
      `  API    ${url}/api/docs`,
      key
        ? `  Key    ${key}`
        : '  Key    printed on first start only; set BOOTSTRAP_API_KEY to choose one',
      '',
    ].filter((l): l is string => l !== null);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
