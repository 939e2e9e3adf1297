import { AsyncResource } from 'node:async_hooks';

/**
 * The async context of no caller: captured when this module loads, before any request or
 * job runs. A batch runs in it, so that its own log lines do not carry the request id or
 * job id of whichever caller happened to start it (nestjs-pino and the job log context read
 * them from AsyncLocalStorage); each caller resumes in its own context when its outcome
 * comes.
 */
const outsideAnyCaller = new AsyncResource('MicroBatcher');

/**
 * Runs `fn` in the async context of the caller who submitted the batch's `index`-th item:
 * the work a batch does for one item (an e-mail, a step) logs with that caller's job id.
 */
export type InCallerContext = <R>(index: number, fn: () => R) => R;

interface Pending<I, O> {
  item: I;
  resolve: (outcome: O) => void;
  reject: (error: unknown) => void;
  /** The caller's async context (an AsyncResource captures it, in about 0.1 µs). */
  context: AsyncResource;
}

export interface MicroBatcherOptions {
  /** The most items one batch takes. */
  maxSize: number;
  /** Batches that may run at once (one can write while the next is being read). */
  maxParallel: number;
}

/**
 * Group commit for concurrent callers: items submitted while a batch runs wait and go
 * together into the next one, so the batch size follows the load (one item when idle, up
 * to `maxSize` when busy) and nothing waits on a timer. `runBatch` returns one outcome per
 * item, in order; if it throws, every item of that batch is rejected with the error.
 */
export class MicroBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly runBatch: (items: I[], inCallerContext: InCallerContext) => Promise<O[]>,
    private readonly options: MicroBatcherOptions,
  ) {
    if (options.maxSize < 1 || options.maxParallel < 1)
      throw new Error('a micro-batcher needs maxSize and maxParallel of at least 1');
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject, context: new AsyncResource('MicroBatcher') });
      this.schedule();
    });
  }

  /** Items waiting for a batch. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Starts on the next turn of the event loop, so that callers of this turn join. */
  private schedule(): void {
    if (this.scheduled || this.running >= this.options.maxParallel || this.queue.length === 0)
      return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      outsideAnyCaller.runInAsyncScope(() => this.drain());
    });
  }

  private drain(): void {
    while (this.running < this.options.maxParallel && this.queue.length > 0) {
      const taken = this.queue.splice(0, this.options.maxSize);
      this.running += 1;
      const inCallerContext: InCallerContext = (index, fn) =>
        (taken[index]?.context ?? outsideAnyCaller).runInAsyncScope(fn);
      this.runBatch(
        taken.map((p) => p.item),
        inCallerContext,
      )
        .then((outcomes) => {
          if (outcomes.length !== taken.length)
            throw new Error(`a batch of ${taken.length} returned ${outcomes.length} outcomes`);
          taken.forEach((p, i) => p.resolve(outcomes[i] as O));
        })
        .catch((error: unknown) => taken.forEach((p) => p.reject(error)))
        .finally(() => {
          this.running -= 1;
          this.schedule();
        });
    }
  }
}
