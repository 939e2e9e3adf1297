import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { MicroBatcher } from './micro-batcher.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('MicroBatcher', () => {
  it('puts callers of one turn into one batch and answers each with its own outcome', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((n) => n * 10);
      },
      { maxSize: 100, maxParallel: 1 },
    );
    const answers = await Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    expect(answers).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('collects what arrives while a batch runs into the next batch, capped at maxSize', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items;
      },
      { maxSize: 2, maxParallel: 1 },
    );
    const first = batcher.submit(1);
    await tick();
    const later = [2, 3, 4, 5, 6].map((n) => batcher.submit(n));
    await tick();
    expect(batches).toEqual([[1]]);
    expect(batcher.waiting).toBe(5);
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('runs up to maxParallel batches at once', async () => {
    let running = 0;
    let most = 0;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
        return items;
      },
      { maxSize: 1, maxParallel: 3 },
    );
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n)));
    expect(most).toBe(3);
  });

  it('rejects every item of a batch that throws or answers the wrong number, and goes on', async () => {
    let calls = 0;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
        if (calls === 2) return [];
        return items;
      },
      { maxSize: 10, maxParallel: 1 },
    );
    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toContain('database down');
    await expect(batcher.submit(3)).rejects.toThrow('returned 0 outcomes');
    await expect(batcher.submit(4)).resolves.toBe(4);
  });

  it('runs a batch outside its callers’ async context, each item’s work in its caller’s, and each caller resumes in its own', async () => {
    const context = new AsyncLocalStorage<string>();
    const seenByBatch: (string | undefined)[] = [];
    const seenByItems: (string | undefined)[] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items, inCallerContext) => {
        seenByBatch.push(context.getStore());
        await tick();
        seenByBatch.push(context.getStore());
        await Promise.all(
          items.map((_, i) =>
            inCallerContext(i, async () => {
              await tick();
              seenByItems.push(context.getStore());
            }),
          ),
        );
        return items;
      },
      { maxSize: 10, maxParallel: 1 },
    );
    const resumedIn = await Promise.all(
      ['job-1', 'job-2'].map((id) =>
        context.run(id, async () => {
          await batcher.submit(1);
          return context.getStore();
        }),
      ),
    );
    expect(seenByBatch).toEqual([undefined, undefined]);
    expect(seenByItems.sort()).toEqual(['job-1', 'job-2']);
    expect(resumedIn).toEqual(['job-1', 'job-2']);
  });
});
