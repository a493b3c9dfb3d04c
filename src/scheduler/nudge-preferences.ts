/**
 * What a person chose from a nudge itself ("fewer, please", "keep them"), kept in
 * companion_nudge_state beside the back-off the scheduler maintains.
 */
import type { CoreDeps } from '../core/deps.ts';

/** "Fewer, please": one nudge every this many days. */
export const FEWER_GAP_DAYS = 3;

/** Sets how many days at least lie between two nudges (1 = daily), and starts the ignored count afresh. */
export async function setNudgeGap(deps: CoreDeps, userId: string, days: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.prisma.$executeRaw`
    INSERT INTO companion_nudge_state (user_id, min_gap_days, nudges_since_contact, updated_at)
    VALUES (${userId}::uuid, ${days}::int, 0, ${now})
    ON CONFLICT (user_id) DO UPDATE
       SET min_gap_days = EXCLUDED.min_gap_days, nudges_since_contact = 0, unreachable_since = NULL, updated_at = EXCLUDED.updated_at`;
}
