import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.service.js';
import { JobLogContext } from './job-log-context.js';
import { requestIdFor } from './request-id.util.js';

/** Paths scraped or probed every few seconds: not worth a "request completed" line each. */
const QUIET_PATHS = ['/health', '/metrics'];

/**
 * pino logs. A request's lines all carry its id (`reqId`: Fastify's request id, from
 * X-Request-Id or a new UUID, echoed in the response), lines from Nest's Logger included; its last line
 * ("request completed") has the request and response. A queue job's lines carry
 * `queue` and `jobId` (JobLogContext).
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // Every request, Nest's routes or not. nestjs-pino's default (`{/*splat}`) matches
          // nothing with this Nest and Fastify, which left requests without ids or logs.
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.values.LOG_LEVEL,
            // Fastify has set req.id already (main.ts: genReqId); this is a fallback only.
            genReqId: (req) => requestIdFor(req.headers['x-request-id']),
            quietReqLogger: true,
            autoLogging: {
              ignore: (req) => {
                const path = (req.url ?? '').split('?')[0] ?? '';
                return QUIET_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
              },
            },
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              'res.headers["set-cookie"]',
            ],
          },
        }),
      ],
      providers: [JobLogContext],
    };
  }
}
