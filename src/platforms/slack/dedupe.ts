/**
 * Remembers which Slack deliveries were already handled. Slack redelivers
 * events it thinks went unanswered (X-Slack-Retry-Num) and Bolt passes them on,
 * so the adapter drops any delivery id it has seen within the window.
 */
export interface DeliveryDedupe {
  /** True the first time `key` is seen within the window; false for a repeat. */
  firstSeen(key: string): boolean;
  readonly size: number;
}

export function createDeliveryDedupe({ max = 10_000, ttlMs = 3_600_000, now = () => Date.now() } = {}): DeliveryDedupe {
  // A Map iterates in insertion order, so its first key is always the oldest.
  const seen = new Map<string, number>();
  return {
    firstSeen(key) {
      const t = now();
      const expires = seen.get(key);
      if (expires !== undefined && expires > t) return false;
      seen.delete(key);
      seen.set(key, t + ttlMs);
      for (const [oldest, at] of seen) {
        if (seen.size <= max && at > t) break;
        seen.delete(oldest);
      }
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
