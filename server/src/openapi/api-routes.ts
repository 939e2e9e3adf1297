import type { z } from 'zod';
import { accessRoutes } from './access.routes.js';
import { dataRoutes } from './data.routes.js';
import { journeyRoutes } from './journeys.routes.js';
import { segmentRoutes } from './segments.routes.js';

export interface ApiRoute {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** Raw (non-JSON) request body content types. */
  rawBody?: string[];
  public?: boolean;
  /** An operations endpoint (`/metrics`): listed here, left out of the OpenAPI document. */
  internal?: boolean;
}

/**
 * The public API, documented from the same zod contracts the handlers validate with.
 * A test checks that every registered route appears here.
 */
export const apiRoutes: ApiRoute[] = [
  ...dataRoutes,
  ...segmentRoutes,
  ...journeyRoutes,
  ...accessRoutes,
];
