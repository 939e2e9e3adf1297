import { describe, expect, it } from 'vitest';
import { fakeContext } from './action-test-context.testing.js';
import { addToAudienceAction } from './add-to-audience.action.js';

const audienceId = '3f0c2b9e-8d1a-4c5b-9e7f-1a2b3c4d5e6f';

describe('add_to_audience', () => {
  it('adds the customer to the audience', async () => {
    const { ctx, calls } = fakeContext();
    expect(await addToAudienceAction.run(ctx, { audienceId })).toEqual({ kind: 'continue' });
    expect(calls).toEqual([{ effect: 'addToAudience', audienceId }]);
  });

  it('needs an audience id and offers the audience picker', async () => {
    expect(addToAudienceAction.parseConfig({}).success).toBe(false);
    const parsed = addToAudienceAction.parseConfig({ audienceId: 'VIPs' });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.message)).toEqual([
      'must be an audience id',
    ]);
    await expect(addToAudienceAction.run(fakeContext().ctx, {})).rejects.toThrow(
      /invalid settings for add_to_audience/,
    );
    const schema = addToAudienceAction.configJsonSchema as {
      properties: { audienceId: Record<string, unknown> };
    };
    expect(schema.properties.audienceId['x-widget']).toBe('audience');
  });
});
