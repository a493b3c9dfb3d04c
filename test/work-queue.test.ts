import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../src/router/work-queue.ts';

/** A task that finishes when told to, recording when it started. */
function gate(started: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    task: async () => {
      started.push(name);
      await opened;
      return name;
    },
    open,
  };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('work queue', () => {
  it('runs at most `concurrency` tasks at once, the rest in arrival order', async () => {
    const queue = createWorkQueue(2);
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd'].map((name) => gate(started, name));
    const results = gates.map((g) => queue.run(g.task));
    await turn();
    expect(started).toEqual(['a', 'b']);
    expect(queue.pending).toBe(4);
    gates[1]!.open();
    await turn();
    expect(started).toEqual(['a', 'b', 'c']);
    gates[0]!.open();
    gates[2]!.open();
    gates[3]!.open();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(queue.pending).toBe(0);
  });

  it('frees the slot of a failing task and passes its error to the caller', async () => {
    const queue = createWorkQueue(1);
    const failing = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });

  it('idle() waits for running and waiting work', async () => {
    const queue = createWorkQueue(1);
    const started: string[] = [];
    const a = gate(started, 'a');
    const b = gate(started, 'b');
    void queue.run(a.task);
    void queue.run(b.task);
    let idle = false;
    const waiting = queue.idle().then(() => (idle = true));
    a.open();
    await turn();
    expect(idle).toBe(false);
    b.open();
    await waiting;
    expect(idle).toBe(true);
    await expect(createWorkQueue(3).idle()).resolves.toBeUndefined();
  });

  it('refuses a concurrency below one', () => {
    expect(() => createWorkQueue(0)).toThrow(RangeError);
  });
});
