/**
 * Paces a reply that grows while the coach writes it: the first text goes out
 * at once, later text at most once per `intervalMs` (Slack's stream appends and
 * message updates, Discord's message edits all have rate limits), with one
 * flush in flight at a time. The platform makes the final call itself after
 * `finish()`, with whatever is still pending.
 */
export interface TextPacer {
  /** Adds visible text; it goes out now or at the next permitted moment. */
  push(delta: string): void;
  /** Stops pacing and waits for the flush in flight; returns the text not flushed yet and the whole text. */
  finish(): Promise<{ readonly pending: string; readonly full: string }>;
  /** The whole text so far. */
  readonly text: string;
}

export interface TextPacerOptions {
  readonly intervalMs: number;
  /** Sends `pending` (the text since the last flush); `full` is everything so far. */
  readonly flush: (pending: string, full: string) => Promise<void>;
  /** A failed flush is reported here and its text counts as pending again. */
  readonly onError?: (error: unknown) => void;
  readonly now?: () => number;
}

export function createTextPacer({ intervalMs, flush, onError = () => {}, now = () => performance.now() }: TextPacerOptions): TextPacer {
  let full = '';
  let flushed = 0;
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let finished = false;

  const run = (): void => {
    timer = undefined;
    if (finished || inFlight || flushed === full.length) return;
    const from = flushed;
    const pending = full.slice(from);
    flushed = full.length;
    lastFlushAt = now();
    inFlight = flush(pending, full)
      .catch((error: unknown) => {
        // Nothing went out: this text goes again with the next flush.
        flushed = from;
        onError(error);
      })
      .finally(() => {
        inFlight = undefined;
        schedule();
      });
  };

  const schedule = (): void => {
    if (finished || inFlight || timer || flushed === full.length) return;
    const wait = lastFlushAt + intervalMs - now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };

  return {
    push(delta) {
      if (!delta || finished) return;
      full += delta;
      schedule();
    },
    async finish() {
      finished = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (inFlight) await inFlight;
      return { pending: full.slice(flushed), full };
    },
    get text() {
      return full;
    },
  };
}
