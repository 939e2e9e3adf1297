import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.service.js';
import { migrations } from './migrations/index.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
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
