/** Confidence check-ins and progress summaries. */
import { z } from 'zod';
import { recordActivity } from './activity.ts';
import { inTransaction, type CoreDeps } from './deps.ts';
import { evaluateAchievements, type EarnedAchievement } from './achievements.ts';
import { getUser, todayFor } from './users.ts';
import { parseInput } from './validate.ts';

const checkInInput = z.object({
  confidence: z.coerce
    .number({ error: 'must be a number from 1 to 10' })
    .min(1, 'must be from 1 to 10')
    .max(10, 'must be from 1 to 10')
    .transform((v) => Math.round(v * 10) / 10),
});

export interface CheckInResult {
  readonly confidenceLevel: number;
  readonly previous: number;
  readonly newAchievements: readonly EarnedAchievement[];
}

/** A confidence check-in (1-10): updates the person's level and today's progress row. */
export async function checkIn(deps: CoreDeps, userId: string, input: { confidence: unknown }): Promise<CheckInResult> {
  const { confidence } = parseInput(checkInInput, input);
  const user = await getUser(deps, userId);
  const day = todayFor(deps, user.settings);
  return inTransaction(deps, async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { confidenceLevel: confidence, updatedAt: deps.clock.now() } });
    await recordActivity(tx, userId, day, { confidenceLevel: confidence });
    const newAchievements = await evaluateAchievements(tx, userId, day, deps.clock.now());
    return { confidenceLevel: confidence, previous: user.confidenceLevel, newAchievements };
  });
}
