/**
 * Every activity (journal entry, mission completed, event attended, mood, check-in,
 * goal reached) updates the day's progress row in the person's local date and then
 * evaluates achievements; both ride in one statement.
 */
import { evaluateAchievements, type EarnedAchievement, type PersonAfterActivity } from './achievements.ts';
import type { Tx } from './deps.ts';
import type { ActivityDelta } from './progress-row.ts';

export type { ActivityDelta };

/** Records `delta` on local date `day`; returns the achievements it newly earned and the person after it. */
export function recordActivity(
  tx: Tx,
  userId: string,
  day: string,
  delta: ActivityDelta,
  now: Date,
): Promise<{ newAchievements: EarnedAchievement[]; person: PersonAfterActivity }> {
  return evaluateAchievements(tx, userId, day, now, delta);
}
