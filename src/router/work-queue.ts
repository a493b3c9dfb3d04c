/**
 * A bound on how much acknowledged work runs at once.
 *
 * Slack waits three seconds for an acknowledgement and the acknowledgement shares
 * the event loop with every handler already running. Fifty handlers interleaving
 * their database round trips put fifty slices of CPU between a new request and its
 * `ack()`; a few at a time keep that gap short while finishing the same work in the
 * same total time (the work is CPU-bound either way). Waiting work runs in arrival order.
 */
export interface WorkQueue {
  /** Runs `task` when a slot is free; resolves or rejects with it. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now plus those waiting. */
  readonly pending: number;
  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void>;
}

export function createWorkQueue(concurrency: number): WorkQueue {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a whole number of at least 1');
  let running = 0;
  const waiting: Array<() => void> = [];
  let idleWaiters: Array<() => void> = [];

  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next();
    } else if (running === 0) {
      const done = idleWaiters;
      idleWaiters = [];
      for (const resolve of done) resolve();
    }
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < concurrency) running += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    get pending() {
      return running + waiting.length;
    },
    idle() {
      return running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
