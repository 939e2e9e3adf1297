import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { ApiErrorBody } from '@switchyard/contracts';
import type { FastifyReply } from 'fastify';
import { retryAfterOf, unavailableAnswer } from '../rate-limit/service-unavailable.js';

/**
 * Every error leaves as `{statusCode, error, message, issues?}`. Anything that is not an
 * HttpException is a bug: logged with its stack and answered 500 without internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // Postgres away (refused, restarting): a 503 with Retry-After, not a 500.
    const unavailable = exception instanceof HttpException ? null : unavailableAnswer(exception);
    const body: ApiErrorBody = unavailable
      ? { statusCode: 503, error: 'Service Unavailable', message: unavailable.message }
      : this.toBody(exception);
    const retryAfter = unavailable?.retryAfterSeconds ?? retryAfterOf(exception);
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    if (retryAfter !== undefined && body.statusCode >= 500)
      this.logger.warn(`${body.statusCode}: ${(exception as Error).message}`);
    else if (body.statusCode >= 500)
      this.logger.error(
        { err: exception },
        exception instanceof Error ? exception.message : 'error',
      );
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null) {
        const r = response as Partial<ApiErrorBody> & { message?: string | string[] };
        return {
          statusCode: status,
          error: r.error ?? HttpStatus[status] ?? 'Error',
          message: Array.isArray(r.message)
            ? r.message.join('; ')
            : (r.message ?? exception.message),
          ...(r.issues ? { issues: r.issues } : {}),
        };
      }
      return {
        statusCode: status,
        error: HttpStatus[status] ?? 'Error',
        message: String(response),
      };
    }
    const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
      // Fastify's own errors: bad JSON, body too large, wrong content type.
      return {
        statusCode: fastifyError.statusCode,
        error: HttpStatus[fastifyError.statusCode] ?? 'Bad Request',
        message: fastifyError.message ?? 'bad request',
      };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
  }
}
