import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.service.js';
import { SecretBox } from '../secrets/secret-box.js';
import { SecretsKeyModule } from '../secrets/secrets-key.module.js';
import { migrations } from './migrations/index.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      // The secrets key is loaded before migrations run: 1742 seals stored plaintext with it.
      imports: [SecretsKeyModule],
      inject: [AppConfig, SecretBox],
      useFactory: (config: AppConfig, _secrets: SecretBox) => ({
        type: 'postgres' as const,
        url: config.values.DATABASE_URL,
        autoLoadEntities: true,
        synchronize: false,
        migrations,
        migrationsRun: true,
        migrationsTransactionMode: 'each' as const,
        // Dates in rules and bare timestamps are read as UTC, whatever the server's zone.
        extra: { max: config.values.DATABASE_POOL_SIZE, options: '-c timezone=UTC' },
        logging: ['error' as const],
      }),
    }),
  ],
})
export class DatabaseModule {}
