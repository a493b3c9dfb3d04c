/** The pacing shared by Slack's stream and updates and Discord's edits, on a fake clock. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTextPacer } from '../src/platforms/text-pacer.ts';

describe('text pacer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function pacer(fail: (n: number) => boolean = () => false) {
    const flushes: Array<{ pending: string; full: string }> = [];
    const errors: unknown[] = [];
    let n = 0;
    const p = createTextPacer({
      intervalMs: 1000,
      now: () => Date.now(),
      onError: (error) => errors.push(error),
      flush: async (pending, full) => {
        n += 1;
        if (fail(n)) throw new Error(`flush ${n} failed`);
        flushes.push({ pending, full });
      },
    });
    return { p, flushes, errors };
  }

  it('sends the first text at once, then at most one flush per interval with everything since', async () => {
    const { p, flushes } = pacer();
    p.push('Hello');
    await vi.advanceTimersByTimeAsync(0);
    expect(flushes).toEqual([{ pending: 'Hello', full: 'Hello' }]);
    p.push(', ');
    p.push('you');
    await vi.advanceTimersByTimeAsync(500);
    expect(flushes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(flushes[1]).toEqual({ pending: ', you', full: 'Hello, you' });
    p.push('!');
    const rest = await p.finish();
    expect(rest).toEqual({ pending: '!', full: 'Hello, you!' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(flushes).toHaveLength(2);
  });

  it('sends the text of a failed flush again with the next one', async () => {
    const { p, flushes, errors } = pacer((n) => n === 1);
    p.push('one ');
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    p.push('two');
    await vi.advanceTimersByTimeAsync(1000);
    expect(flushes).toEqual([{ pending: 'one two', full: 'one two' }]);
    expect(await p.finish()).toEqual({ pending: '', full: 'one two' });
  });

  it('ignores empty text and anything pushed after finish', async () => {
    const { p, flushes } = pacer();
    p.push('');
    expect(await p.finish()).toEqual({ pending: '', full: '' });
    p.push('late');
    await vi.advanceTimersByTimeAsync(2000);
    expect(flushes).toEqual([]);
    expect(p.text).toBe('');
  });
});
