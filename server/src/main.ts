import 'reflect-metadata';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { loadPlugins, PluginLoadError } from './actions/plugin-loader.js';
import { AppModule } from './app.module.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { AppConfig, ConfigError } from './config/app-config.service.js';
import { ensureDatabase } from './database/ensure-database.js';
import { registerWebApp } from './web/static-web.js';
import { StartupBanner } from './seed/startup-banner.js';

const BODY_LIMIT = 10 * 1024 * 1024;

export async function bootstrap(
  env: Record<string, string | undefined>,
): Promise<NestFastifyApplication> {
  const config = AppConfig.fromEnv(env);
  // Plugins first: a bad one stops the boot before anything else starts.
  const plugins = await loadPlugins(config.values.PLUGINS);
  const db = await ensureDatabase(config.values.DATABASE_URL);
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, plugins),
    adapter,
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ApiExceptionFilter());
  // process.exit after close (not a re-raised signal) so pino flushes its last lines.
  app.enableShutdownHooks([], { useProcessExit: true });
  const fastify = app.getHttpAdapter().getInstance();
  // Imports stream their body: hand the raw request stream to the handler.
  fastify.addContentTypeParser(
    ['application/x-ndjson', 'application/jsonl', 'text/csv', 'text/plain'],
    (_request, payload, done) => done(null, payload),
  );
  const webDist =
    config.values.WEB_DIST ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  const hasWeb = await registerWebApp(fastify, webDist);
  await app.listen(config.values.PORT, config.values.HOST);
  app.get(StartupBanner).print({ databaseCreated: db.created, database: db.name, hasWeb });
  return app;
}

const isEntryPoint = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  bootstrap(process.env).catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof PluginLoadError) {
      console.error(error.message);
    } else {
      console.error('Switchyard failed to start:', error);
    }
    process.exit(1);
  });
}
