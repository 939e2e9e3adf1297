import { NotFoundException } from '@nestjs/common';

/** A 404 in the API's error shape, the message naming what was not found. */
export function notFound(message: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message });
}
