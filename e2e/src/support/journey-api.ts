import request from 'supertest';
import type { RunningSwitchyard } from './switchyard.harness.js';
import { waitFor } from './switchyard.harness.js';

export interface GraphNode {
  id: string;
  type: string;
  config: Record<string, unknown>;
  label?: string;
}

/** Small API client for journey scenarios: every call checks its status. */
export class JourneyApi {
  constructor(private readonly app: RunningSwitchyard) {}

  private auth() {
    return { Authorization: `Bearer ${this.app.apiKey}` };
  }

  get(path: string) {
    return request(this.app.url).get(path).set(this.auth());
  }

  post(path: string, body: unknown = {}) {
    return request(this.app.url)
      .post(path)
      .set(this.auth())
      .send(body as object);
  }

  patch(path: string, body: unknown) {
    return request(this.app.url)
      .patch(path)
      .set(this.auth())
      .send(body as object);
  }

  delete(path: string) {
    return request(this.app.url).delete(path).set(this.auth());
  }

  put(path: string, body: unknown) {
    return request(this.app.url)
      .put(path)
      .set(this.auth())
      .send(body as object);
  }

  async segment(name: string, rule: unknown): Promise<string> {
    const res = await this.post('/api/segments', { name, rule }).expect(201);
    return res.body.id as string;
  }

  async identify(users: { userId: string; traits: Record<string, unknown> }[]): Promise<void> {
    for (let i = 0; i < users.length; i += 500)
      await this.post('/v1/batch', {
        batch: users.slice(i, i + 500).map((u) => ({ type: 'identify', ...u })),
      }).expect(200);
  }

  async track(userId: string, event: string, properties: Record<string, unknown> = {}) {
    await this.post('/v1/track', { userId, event, properties }).expect(200);
  }

  async evaluate(): Promise<void> {
    await this.post('/api/evaluations', {}).expect(200);
  }

  /** A draft journey with only its trigger (customers entering `segmentId`); its id. */
  async draftOnSegment(name: string, segmentId: string): Promise<string> {
    const draft = await this.post('/api/journeys', {
      name,
      graph: {
        nodes: [{ ...trigger({ kind: 'segment_entered', segmentId }), position: { x: 0, y: 0 } }],
        edges: [],
      },
    }).expect(201);
    return draft.body.id as string;
  }

  /** Creates and publishes a journey of `nodes` chained by `edges` ([source, target, handle?]). */
  async publish(
    name: string,
    nodes: GraphNode[],
    edges: [string, string, string?][],
    settings?: Record<string, unknown>,
  ): Promise<string> {
    const graph = {
      nodes: nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 150 } })),
      edges: edges.map(([source, target, handle], i) => ({
        id: `e${i}`,
        source,
        target,
        ...(handle ? { sourceHandle: handle } : {}),
      })),
    };
    const created = await this.post('/api/journeys', {
      name,
      graph,
      ...(settings ? { settings } : {}),
    }).expect(201);
    const published = await this.post(`/api/journeys/${created.body.id}/publish`);
    if (published.status !== 201)
      throw new Error(`publish refused: ${JSON.stringify(published.body)}`);
    return created.body.id as string;
  }

  /** Publishes "customers entering `segmentId` get this e-mail" (the step's id is `id`). */
  publishEmailOnEntry(
    name: string,
    segmentId: string,
    email: { id: string; subject: string; html: string },
  ): Promise<string> {
    const { id, ...config } = email;
    return this.publish(
      name,
      [trigger({ kind: 'segment_entered', segmentId }), { id, type: 'send_email', config }],
      [['trigger', id]],
    );
  }

  /** Enrollment status counts of a journey, straight from Postgres. */
  async enrollments(journeyId: string): Promise<Record<string, number>> {
    const { rows } = await this.app.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM enrollments WHERE journey_id = $1 GROUP BY status`,
      [journeyId],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Waits until the journey has `total` enrollments and none is active. */
  async settled(
    journeyId: string,
    total: number,
    timeoutMs = 30_000,
  ): Promise<Record<string, number>> {
    return waitFor(
      async () => {
        const counts = await this.enrollments(journeyId);
        const sum = Object.values(counts).reduce((a, b) => a + b, 0);
        return sum === total && !counts['active'] ? counts : undefined;
      },
      timeoutMs,
      `${total} finished enrollments of ${journeyId}`,
    );
  }

  /** The outputs each customer took at a node: external id -> output. */
  async outputsAt(journeyId: string, nodeId: string): Promise<Map<string, string | null>> {
    const { rows } = await this.app.db.query<{ external_id: string; output: string | null }>(
      `SELECT c.external_id, s.output FROM enrollment_steps s
         JOIN enrollments e ON e.id = s.enrollment_id JOIN customers c ON c.id = e.customer_id
        WHERE e.journey_id = $1 AND s.node_id = $2`,
      [journeyId, nodeId],
    );
    return new Map(rows.map((r) => [r.external_id, r.output]));
  }
}

export const trigger = (config: Record<string, unknown>): GraphNode => ({
  id: 'trigger',
  type: 'trigger',
  config,
});
