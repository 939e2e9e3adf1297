import 'reflect-metadata';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import fastifyCookie from '@fastify/cookie';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { loadPlugins, PluginLoadError } from './actions/plugin-loader.js';
import { AppModule } from './app.module.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { StorableInputPipe } from './common/storable-input.pipe.js';
import { AppConfig, ConfigError } from './config/app-config.service.js';
import { ensureDatabase } from './database/ensure-database.js';
import { registerWebApp } from './web/static-web.js';
import { largestJsonBody, registerBodyLimits } from './rate-limit/body-limits.hook.js';
import { registerQueueBoard } from './admin/queue-board.js';
import { serveOperationsOnly } from './common/api-role.hook.js';
import { registerHttpMetrics } from './metrics/http-request.metrics.js';
import { echoRequestIds, genReqId } from './logging/request-id.util.js';
import { StartupBanner } from './seed/startup-banner.js';

export async function bootstrap(
  env: Record<string, string | undefined>,
): Promise<NestFastifyApplication> {
  const config = AppConfig.fromEnv(env);
  // Plugins first: a bad one stops the boot before anything else starts.
  const plugins = await loadPlugins(config.values.PLUGINS);
  const db = await ensureDatabase(config.values.DATABASE_URL);
  const limits = config.values;
  const adapter = new FastifyAdapter({
    bodyLimit: largestJsonBody(limits),
    trustProxy: limits.TRUST_PROXY,
    genReqId,
    // Path parameters up to 500 characters (Fastify answers 414 past 100): an unsubscribe
    // link's or a tracked link's token names the workspace, customer, run and node
    // (UnsubscribeLinks, EngagementLinks; a node id may be 200 characters).
    maxParamLength: 500,
    // Slow or stalled clients (see README: REQUEST_TIMEOUT_MS, CONNECTION_TIMEOUT_MS).
    requestTimeout: limits.REQUEST_TIMEOUT_MS,
    connectionTimeout: limits.CONNECTION_TIMEOUT_MS,
    // Node 20 only enforces a requestTimeout given when the server is created (Fastify sets
    // it afterwards), and checks it every connectionsCheckingInterval (30 s by default).
    http: { requestTimeout: limits.REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1000 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, plugins),
    adapter,
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  // Web sessions ride in a cookie (see auth/session-cookie.ts).
  await app.register(fastifyCookie);
  app.useGlobalFilters(new ApiExceptionFilter());
  // NUL characters, unpaired surrogates and absurd nesting: a 400 before any handler.
  app.useGlobalPipes(new StorableInputPipe());
  // process.exit after close (not a re-raised signal) so pino flushes its last lines.
  app.enableShutdownHooks([], { useProcessExit: true });
  const fastify = app.getHttpAdapter().getInstance();
  // 413 per route (ingest, imports, the rest) before a body is parsed.
  registerBodyLimits(fastify, limits);
  echoRequestIds(fastify);
  registerHttpMetrics(fastify);
  // Without the api role: health checks and /metrics only (a worker or sender process).
  if (!config.runsApi) serveOperationsOnly(fastify, config.roleNames);
  // Imports stream their body: hand the raw request stream to the handler.
  fastify.addContentTypeParser(
    ['application/x-ndjson', 'application/jsonl', 'text/csv', 'text/plain'],
    (_request, payload, done) => done(null, payload),
  );
  const webDist =
    config.values.WEB_DIST ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  // Bull Board before the web app: each brings @fastify/static (see registerQueueBoard).
  if (config.runsApi) await registerQueueBoard(fastify, app);
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
