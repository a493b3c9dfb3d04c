/**
 * Forgiving streaks (rules in the README, "Streak freezes"): keeping a 7-day
 * streak earns a freeze (at most 2 held); when someone comes back after missing
 * days, held freezes cover those days so the streak lives on. Frozen days count
 * in the streak runs like journaled days.
 */
import { Prisma } from '../generated/prisma/client.ts';
import type { CoreDeps, Tx } from './deps.ts';
import { addDays } from './time.ts';
import { getUser, todayFor } from './users.ts';

export const MAX_FREEZES = 2;
export const DAYS_PER_FREEZE = 7;
/** A one-day "streak" is not worth spending a freeze on. */
export const MIN_RUN_TO_PROTECT = 2;

export interface FreezeOutcome {
  /** Missed days a freeze covered just now (0 when none was needed or held). */
  readonly daysProtected: number;
}

export interface Run {
  start: string;
  end: string;
  length: number;
}


/**
 * Joins the latest run of the person aliased `u` as `r` (columns start, "end", length),
 * so the statements that need it read it alongside the person in one round trip.
 */
export const LATEST_RUN_JOIN = Prisma.sql`LEFT JOIN LATERAL (
    SELECT start_date::text AS start, end_date::text AS "end", (end_date - start_date + 1)::int AS length
      FROM companion_journal_streak_runs WHERE user_id = u.id ORDER BY end_date DESC LIMIT 1) r ON true`;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * Covers the days missed before `today` with held freezes, when that keeps a
 * streak alive. Call inside the transaction of a new journal entry, before inserting it.
 */
export async function protectStreakBeforeEntry(tx: Tx, userId: string, today: string): Promise<FreezeOutcome> {
  // Person first, then their freezes: the order every other path (the streak trigger,
  // earnStreakFreezes) takes locks in, so two entries at once wait instead of deadlocking.
  const [run] = await tx.$queryRaw<Array<Run | { start: null; end: null; length: null }>>`
    SELECT r.start, r."end", r.length FROM users u ${LATEST_RUN_JOIN}
     WHERE u.id = ${userId}::uuid
       FOR UPDATE OF u`;
  if (!run || run.end === null || run.length < MIN_RUN_TO_PROTECT) return { daysProtected: 0 };
  const missed = daysBetween(run.end, today) - 1;
  if (missed < 1 || missed > MAX_FREEZES) return { daysProtected: 0 };

  const [freezes] = await tx.$queryRaw<Array<{ held: number }>>`
    SELECT held FROM companion_streak_freezes WHERE user_id = ${userId}::uuid FOR UPDATE`;
  if (!freezes || freezes.held < missed) return { daysProtected: 0 };

  for (let day = addDays(run.end, 1); day < today; day = addDays(day, 1)) {
    await tx.$executeRaw`INSERT INTO companion_streak_frozen_days (user_id, day) VALUES (${userId}::uuid, ${day}::date)`;
    await tx.$queryRaw`SELECT companion_streak_add_day(${userId}::uuid, ${day}::date)`;
  }
  await tx.$executeRaw`
    UPDATE companion_streak_freezes SET held = held - ${missed}, updated_at = now() WHERE user_id = ${userId}::uuid`;
  return { daysProtected: missed };
}

/**
 * Pays out a freeze for every 7 days of the current run not paid before, up to
 * the cap. Call inside the transaction of a new journal entry, after inserting it,
 * with the person's latest run (`LATEST_RUN_JOIN`). Returns how many freezes were gained.
 */
export async function earnStreakFreezes(tx: Tx, userId: string, run: { start: string; length: number } | undefined): Promise<number> {
  if (!run || run.length < DAYS_PER_FREEZE) return 0;
  const milestones = Math.floor(run.length / DAYS_PER_FREEZE);
  if (milestones === 0) return 0;
  await tx.$executeRaw`INSERT INTO companion_streak_freezes (user_id) VALUES (${userId}::uuid) ON CONFLICT (user_id) DO NOTHING`;
  const [row] = await tx.$queryRaw<Array<{ held: number; run_start: string | null; milestones_paid: number }>>`
    SELECT held, run_start::text AS run_start, milestones_paid FROM companion_streak_freezes
     WHERE user_id = ${userId}::uuid FOR UPDATE`;
  const paid = row!.run_start === run.start ? row!.milestones_paid : 0;
  if (milestones <= paid) return 0;
  const held = Math.min(MAX_FREEZES, row!.held + (milestones - paid));
  await tx.$executeRaw`
    UPDATE companion_streak_freezes
       SET held = ${held}, run_start = ${run.start}::date, milestones_paid = ${milestones}, updated_at = now()
     WHERE user_id = ${userId}::uuid`;
  return held - row!.held;
}

export interface StreakStatus {
  /** Consecutive days up to today or yesterday; kept while held freezes can still cover the gap. */
  readonly streakDays: number;
  readonly longestStreak: number;
  readonly freezesHeld: number;
  /** Missed days that freezes will cover when the person journals today. */
  readonly daysAwaitingFreeze: number;
  readonly lastJournalDay: string | null;
}

/** What the streak status is computed from (see `STREAK_COLUMNS`). */
export interface StreakRow {
  readonly longest: number | null;
  readonly held: number | null;
  readonly start: string | null;
  readonly end: string | null;
  readonly length: number | null;
}

/**
 * Columns longest, held, start, "end", length for the person aliased `u`; the
 * statement must join `STREAK_JOINS`.
 */
export const STREAK_COLUMNS = Prisma.sql`u.longest_streak AS longest, f.held, r.start, r."end", r.length`;
export const STREAK_JOINS = Prisma.sql`LEFT JOIN companion_streak_freezes f ON f.user_id = u.id ${LATEST_RUN_JOIN}`;

/** The streak as the person should see it on local date `today`. */
export function streakStatusFrom(row: StreakRow | undefined, today: string): StreakStatus {
  const held = row?.held ?? 0;
  const run = row?.end ? { start: row.start!, end: row.end, length: row.length! } : undefined;
  const missed = run ? daysBetween(run.end, today) - 1 : 0;
  const alive = run !== undefined && (missed < 1 || (run.length >= MIN_RUN_TO_PROTECT && missed <= held));
  return {
    streakDays: alive ? run.length : 0,
    longestStreak: row?.longest ?? 0,
    freezesHeld: held,
    daysAwaitingFreeze: alive && missed > 0 ? missed : 0,
    lastJournalDay: run?.end ?? null,
  };
}

export async function streakStatus(deps: CoreDeps, userId: string): Promise<StreakStatus> {
  const today = todayFor(deps, (await getUser(deps, userId)).settings);
  const [row] = await deps.db.prisma.$queryRaw<StreakRow[]>`
    SELECT ${STREAK_COLUMNS} FROM users u ${STREAK_JOINS} WHERE u.id = ${userId}::uuid`;
  return streakStatusFrom(row, today);
}
