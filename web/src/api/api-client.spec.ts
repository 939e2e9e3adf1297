import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from './api-client';

function fakeFetch(status: number, body: unknown) {
  return vi.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        statusText: status === 400 ? 'Bad Request' : 'OK',
      }),
  );
}

describe('api client', () => {
  it('sends the bearer key and JSON body', async () => {
    const fetchFn = fakeFetch(201, { id: 'j1' });
    const api = createApiClient({ getApiKey: () => 'sk_1', fetchFn });
    await api.journeys.create({ name: 'Welcome' });
    const [url, init] = fetchFn.mock.calls[0] ?? [];
    expect(url).toBe('/api/journeys');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({
      Authorization: 'Bearer sk_1',
      'Content-Type': 'application/json',
    });
    expect(init?.body).toBe('{"name":"Welcome"}');
  });

  it('turns a 4xx body into a typed ApiError with issues', async () => {
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'journey cannot be published',
      issues: [
        {
          field: 'graph.nodes[1].config.subject',
          message: 'Parse error on line 1',
          nodeId: 'mail',
        },
        { nope: true },
      ],
    };
    const api = createApiClient({ getApiKey: () => 'k', fetchFn: fakeFetch(400, body) });
    const error = await api.journeys.publish('j1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      message: 'journey cannot be published',
      isValidation: true,
    });
    expect((error as ApiError).issues).toEqual([
      { field: 'graph.nodes[1].config.subject', message: 'Parse error on line 1', nodeId: 'mail' },
    ]);
  });

  it('reports 401 so the app can ask for a key', async () => {
    const onUnauthorized = vi.fn();
    const api = createApiClient({
      getApiKey: () => 'bad',
      onUnauthorized,
      fetchFn: fakeFetch(401, { statusCode: 401, error: 'Unauthorized', message: 'no' }),
    });
    await expect(api.segments.list()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('accepts bare and wrapped lists', async () => {
    const bare = createApiClient({ getApiKey: () => 'k', fetchFn: fakeFetch(200, [{ id: 's' }]) });
    const wrapped = createApiClient({
      getApiKey: () => 'k',
      fetchFn: fakeFetch(200, { items: [{ id: 's' }], total: 1 }),
    });
    expect(await bare.segments.list()).toEqual([{ id: 's' }]);
    expect(await wrapped.segments.list()).toEqual([{ id: 's' }]);
  });

  it('builds customer search and catalog paths with encoded parameters', async () => {
    const fetchFn = fakeFetch(200, { items: [], limit: 20, offset: 0, hasMore: false });
    const api = createApiClient({ getApiKey: () => 'k', fetchFn });
    await api.customers.list({ q: 'ada & co', limit: 20 });
    await api.customers.list();
    await api.catalog.properties('Order Completed');
    await api.customers.get('42');
    await api.customers.get('demo-00559');
    expect(fetchFn.mock.calls.map(([url]) => url)).toEqual([
      '/api/customers?q=ada+%26+co&limit=20',
      '/api/customers',
      '/api/catalog/events/Order%20Completed/properties',
      '/api/customers/42?by=id',
      '/api/customers/demo-00559?by=externalId',
    ]);
  });
});
