/**
 * Social goals (`social_goals`): something a person wants to do a number of
 * times, optionally by a date. Progress moves an active goal towards its target;
 * reaching it completes the goal, which counts as an activity and can earn the
 * goal achievements. Status moves only along the transitions below.
 */
import { z } from 'zod';
import type { EarnedAchievement } from './achievements.ts';
import { recordActivity } from './activity.ts';
import { inTransaction, type CoreDeps, type Tx } from './deps.ts';
import { UserError } from './errors.ts';
import { dateColumn } from './time.ts';
import { getUser, todayFor } from './users.ts';
import { parseInput } from './validate.ts';
import type { SocialGoal } from '../generated/prisma/client.ts';

export const GOAL_STATUSES = ['active', 'completed', 'paused', 'cancelled'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const MAX_ACTIVE_GOALS = 20;
export const MAX_GOAL_TARGET = 10_000;
/** Progress may overshoot the target (someone who did more than planned), within reason. */
const OVERSHOOT_FACTOR = 10;
/** Discord shows at most 25 autocomplete choices. */
const MAX_SEARCH_RESULTS = 25;

export interface Goal {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly category: string | null;
  readonly target: number;
  readonly current: number;
  /** 0-100; a completed goal is 100. */
  readonly progressPercent: number;
  /** 'YYYY-MM-DD' or null. */
  readonly targetDate: string | null;
  /** Calendar days from the person's today to the target date (negative when it has passed), or null. */
  readonly daysLeft: number | null;
  /** The target date has passed while the goal is still active or paused. */
  readonly overdue: boolean;
  readonly status: GoalStatus;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
}

/** A goal as offered by autocomplete. */
export interface GoalChoice {
  readonly id: string;
  readonly title: string;
  readonly status: GoalStatus;
  readonly progressPercent: number;
}

export interface GoalProgressResult {
  readonly goal: Goal;
  /** This update reached the target and completed the goal. */
  readonly justCompleted: boolean;
  readonly newAchievements: readonly EarnedAchievement[];
}

export interface GoalCompletion {
  readonly goal: Goal;
  readonly newAchievements: readonly EarnedAchievement[];
}

// ---- transitions ----

const TRANSITIONS: Readonly<Record<GoalStatus, readonly GoalStatus[]>> = {
  active: ['completed', 'paused', 'cancelled'],
  paused: ['active', 'cancelled'],
  cancelled: ['active'],
  completed: [],
};

export function canTransitionGoal(from: GoalStatus, to: GoalStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

function named(title: string | undefined): string {
  return title ? `“${title}”` : 'This goal';
}

function refusal(from: GoalStatus, to: GoalStatus, name: string): string {
  if (from === 'completed') {
    return `${name} is already completed. Well done! A completed goal stays completed; set a new goal to keep going.`;
  }
  if (from === to) {
    switch (from) {
      case 'active':
        return `${name} is already active.`;
      case 'paused':
        return `${name} is already paused. Reactivate it whenever you're ready to pick it back up.`;
      case 'cancelled':
        return `${name} is already cancelled. You can reactivate it if you'd like to work on it again.`;
    }
  }
  if (from === 'paused' && to === 'completed') return `${name} is paused. Reactivate it first, then mark it complete.`;
  if (from === 'cancelled' && to === 'completed') return `${name} was cancelled. Reactivate it first if you'd like to finish it.`;
  if (from === 'cancelled' && to === 'paused') {
    return `${name} was cancelled, so there is nothing to pause. Reactivate it if you'd like to work on it again.`;
  }
  return `${name} can't go from ${from} to ${to}.`;
}

/** Throws `invalid_transition` with a message that says what is possible instead, unless `from` → `to` is allowed. */
export function assertGoalTransition(from: GoalStatus, to: GoalStatus, title?: string): void {
  if (!canTransitionGoal(from, to)) throw new UserError('invalid_transition', refusal(from, to, named(title)));
}

function progressRefusal(status: Exclude<GoalStatus, 'active'>, title: string): string {
  const name = named(title);
  switch (status) {
    case 'paused':
      return `${name} is paused, so progress can't be logged yet. Reactivate it to pick it back up, then log your progress.`;
    case 'cancelled':
      return `${name} was cancelled. Reactivate it if you'd like to work on it again, then log your progress.`;
    case 'completed':
      return `${name} is already completed. Well done! To keep going, set a new goal with a bigger target.`;
  }
}

// ---- input ----

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/;

const wholeTarget = `must be a whole number from 1 to ${MAX_GOAL_TARGET.toLocaleString('en-US')}`;

const title = z
  .string({ error: 'give your goal a short name (1 to 200 characters)' })
  .trim()
  .min(1, 'give your goal a short name (1 to 200 characters)')
  .max(200, 'keep the name to at most 200 characters; put the details in the description');

const description = z
  .string({ error: 'must be text' })
  .trim()
  .max(2000, 'write at most 2,000 characters')
  .transform((s) => s || null)
  .nullish();

const category = z
  .string({ error: 'must be text, like conversation or networking' })
  .trim()
  .toLowerCase()
  // "Social Skills" and "social-skills" mean social_skills, the way mission categories are written.
  .transform((s) => s.replace(/[\s-]+/g, '_'))
  .pipe(
    z
      .string()
      .max(100, 'use at most 100 characters')
      .refine((s) => s === '' || SLUG.test(s), 'use letters, digits and underscores, like social_skills'),
  )
  .transform((s) => s || null)
  .nullish();

const targetDate = z
  .string({ error: 'use a date like 2026-12-31' })
  .trim()
  .regex(ISO_DATE, 'use a date like 2026-12-31')
  .refine((s) => {
    const d = dateColumn(s);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a day on the calendar; use a date like 2026-12-31')
  .nullish();

const newGoalInput = z
  .object({
    title,
    description,
    category,
    target: z
      .number({ error: wholeTarget })
      .int(wholeTarget)
      .min(1, wholeTarget)
      .max(MAX_GOAL_TARGET, wholeTarget)
      .default(1),
    targetDate,
  })
  .strict();

const goalRef = z
  .string({ error: 'say which goal: its name or its id' })
  .trim()
  .min(1, 'say which goal: its name or its id')
  .max(200, 'a goal name has at most 200 characters');

const goalRefInput = z.object({ goal: goalRef }).strict();

const increment = 'must be a whole number from -10,000 to 10,000, other than 0';
const progressInput = z
  .object({
    goal: goalRef,
    value: z.number({ error: 'must be a whole number, 0 or more' }).int('must be a whole number, 0 or more').min(0, 'must be 0 or more').optional(),
    increment: z
      .number({ error: increment })
      .int(increment)
      .min(-MAX_GOAL_TARGET, increment)
      .max(MAX_GOAL_TARGET, increment)
      .refine((n) => n !== 0, increment)
      .optional(),
  })
  .strict()
  .refine((v) => v.value === undefined || v.increment === undefined, {
    error: 'give either a new value or an increment, not both',
    path: ['value'],
  });

const listInput = z
  .object({
    status: z.enum(GOAL_STATUSES, { error: 'use one of active, completed, paused or cancelled' }).optional(),
  })
  .strict();

export type NewGoalInput = z.input<typeof newGoalInput>;
export type GoalRefInput = z.input<typeof goalRefInput>;
export type GoalProgressInput = z.input<typeof progressInput>;
export type ListGoalsInput = z.input<typeof listInput>;

// ---- rows ----

function statusOf(row: Pick<SocialGoal, 'status'>): GoalStatus {
  // NULL is only possible when another app wrote it explicitly; the column default is 'active'.
  return (GOAL_STATUSES as readonly string[]).includes(row.status ?? '') ? (row.status as GoalStatus) : 'active';
}

function targetOf(row: Pick<SocialGoal, 'targetValue'>): number {
  return row.targetValue !== null && row.targetValue > 0 ? row.targetValue : 1;
}

function percentOf(status: GoalStatus, current: number, target: number): number {
  if (status === 'completed') return 100;
  return Math.max(0, Math.min(100, Math.floor((current * 100) / target)));
}

function toGoal(row: SocialGoal, today: string): Goal {
  const status = statusOf(row);
  const target = targetOf(row);
  const current = row.currentValue ?? 0;
  const date = row.targetDate ? row.targetDate.toISOString().slice(0, 10) : null;
  const daysLeft = date === null ? null : Math.round((Date.parse(date) - Date.parse(today)) / 86_400_000);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    target,
    current,
    progressPercent: percentOf(status, current, target),
    targetDate: date,
    daysLeft,
    overdue: daysLeft !== null && daysLeft < 0 && (status === 'active' || status === 'paused'),
    status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const STATUS_RANK: Readonly<Record<GoalStatus, number>> = { active: 0, paused: 1, completed: 2, cancelled: 3 };

function notFound(): UserError {
  return new UserError('not_found', "I couldn't find that goal among yours. List your goals to see the ones you have.");
}

type Reader = Pick<Tx, '$queryRaw' | 'socialGoal'>;

/** The person's goal that `ref` names: its id, else a unique case-insensitive title (exact before partial). */
async function resolveGoal(db: Reader, userId: string, ref: string): Promise<SocialGoal> {
  if (UUID.test(ref)) {
    const row = await db.socialGoal.findFirst({ where: { id: ref.toLowerCase(), userId } });
    if (!row) throw notFound();
    return row;
  }
  // strpos rather than ILIKE: a title may contain % or _ and still means itself.
  const matches = await db.$queryRaw<Array<{ id: string; title: string; status: string | null; exact: boolean }>>`
    SELECT id::text AS id, title, status, lower(title) = lower(${ref}::text) AS exact
      FROM social_goals
     WHERE user_id = ${userId}::uuid AND strpos(lower(title), lower(${ref}::text)) > 0
     ORDER BY CASE COALESCE(status, 'active') WHEN 'active' THEN 0 WHEN 'paused' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END,
              updated_at DESC NULLS LAST, id`;
  const exact = matches.filter((m) => m.exact);
  const candidates = exact.length > 0 ? exact : matches;
  if (candidates.length === 0) {
    throw new UserError('not_found', `I couldn't find a goal of yours called “${ref}”. List your goals to see their names.`);
  }
  if (candidates.length > 1) {
    const shown = candidates
      .slice(0, 3)
      .map((c) => `“${c.title}” (${statusOf({ status: c.status })})`)
      .join(', ');
    const more = candidates.length > 3 ? ` and ${candidates.length - 3} more` : '';
    throw new UserError(
      'invalid_input',
      `goal: more than one of your goals matches “${ref}”: ${shown}${more}. Which one did you mean? Use more of its name or pick it from the list.`,
    );
  }
  const row = await db.socialGoal.findFirst({ where: { id: candidates[0]!.id, userId } });
  if (!row) throw notFound();
  return row;
}

/**
 * Locks the person's users row so that goal writes of one person take turns: the
 * active-goal limit cannot be overrun by two adds at once, and every goal write
 * takes its locks in the same order (person, then goal), so none can deadlock.
 */
async function lockPerson(tx: Tx, userId: string): Promise<void> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id::text AS id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new UserError('not_found', 'I could not find your profile. Send any command to start again.');
}

async function lockedGoal(tx: Tx, userId: string, id: string): Promise<SocialGoal> {
  await tx.$queryRaw`SELECT id FROM social_goals WHERE id = ${id}::uuid AND user_id = ${userId}::uuid FOR UPDATE`;
  const row = await tx.socialGoal.findFirst({ where: { id, userId } });
  if (!row) throw notFound();
  return row;
}

async function ensureRoomForActiveGoal(tx: Tx, userId: string): Promise<void> {
  const active = await tx.socialGoal.count({ where: { userId, OR: [{ status: 'active' }, { status: null }] } });
  if (active >= MAX_ACTIVE_GOALS) {
    throw new UserError(
      'limit_reached',
      `You already have ${MAX_ACTIVE_GOALS} active goals, which is plenty to focus on! Complete, pause or cancel one to make room for another.`,
    );
  }
}

/** A completed goal is an activity of the person's day and may earn the goal achievements. */
async function celebrateCompletion(tx: Tx, userId: string, day: string, now: Date): Promise<EarnedAchievement[]> {
  return (await recordActivity(tx, userId, day, { activities: 1 }, now)).newAchievements;
}

// ---- services ----

/** Sets a new active goal. */
export async function addGoal(deps: CoreDeps, userId: string, input: NewGoalInput): Promise<Goal> {
  const data = parseInput(newGoalInput, input);
  const user = await getUser(deps, userId);
  const today = todayFor(deps, user.settings);
  if (data.targetDate && data.targetDate < today) {
    throw new UserError('invalid_input', `targetDate: ${data.targetDate} has already passed where you are (today is ${today}); pick today or a later date`);
  }
  return inTransaction(deps, async (tx) => {
    await lockPerson(tx, userId);
    await ensureRoomForActiveGoal(tx, userId);
    const now = deps.clock.now();
    const row = await tx.socialGoal.create({
      data: {
        userId,
        title: data.title,
        description: data.description ?? null,
        category: data.category ?? null,
        targetValue: data.target,
        currentValue: 0,
        targetDate: data.targetDate ? dateColumn(data.targetDate) : null,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      },
    });
    return toGoal(row, today);
  });
}

/**
 * Sets an active goal's progress to `value`, or moves it by `increment` (default +1).
 * Reaching the target completes the goal in the same transaction.
 */
export async function updateGoalProgress(deps: CoreDeps, userId: string, input: GoalProgressInput): Promise<GoalProgressResult> {
  const data = parseInput(progressInput, input);
  const user = await getUser(deps, userId);
  const today = todayFor(deps, user.settings);
  const { id } = await resolveGoal(deps.db.prisma, userId, data.goal);
  return inTransaction(deps, async (tx) => {
    await lockPerson(tx, userId);
    const row = await lockedGoal(tx, userId, id);
    const status = statusOf(row);
    if (status !== 'active') throw new UserError('invalid_transition', progressRefusal(status, row.title));
    const target = targetOf(row);
    const current = row.currentValue ?? 0;
    const ceiling = target * OVERSHOOT_FACTOR;
    let next: number;
    if (data.value !== undefined) {
      if (data.value > ceiling) {
        throw new UserError('invalid_input', `value: use a whole number from 0 to ${ceiling.toLocaleString('en-US')} for this goal`);
      }
      next = data.value;
    } else {
      next = current + (data.increment ?? 1);
      if (next < 0) {
        throw new UserError('invalid_input', `increment: that would take “${row.title}” below 0 (it is at ${current}); use a smaller step`);
      }
      next = Math.min(next, ceiling);
    }
    const justCompleted = next >= target;
    const now = deps.clock.now();
    const updated = await tx.socialGoal.update({
      where: { id },
      data: { currentValue: next, status: justCompleted ? 'completed' : 'active', updatedAt: now },
    });
    const newAchievements = justCompleted ? await celebrateCompletion(tx, userId, today, now) : [];
    return { goal: toGoal(updated, today), justCompleted, newAchievements };
  });
}

async function transition(deps: CoreDeps, userId: string, input: GoalRefInput, to: GoalStatus): Promise<{ goal: Goal; newAchievements: EarnedAchievement[] }> {
  const { goal: ref } = parseInput(goalRefInput, input);
  const user = await getUser(deps, userId);
  const today = todayFor(deps, user.settings);
  const { id } = await resolveGoal(deps.db.prisma, userId, ref);
  return inTransaction(deps, async (tx) => {
    await lockPerson(tx, userId);
    const row = await lockedGoal(tx, userId, id);
    assertGoalTransition(statusOf(row), to, row.title);
    if (to === 'active') await ensureRoomForActiveGoal(tx, userId);
    const now = deps.clock.now();
    const updated = await tx.socialGoal.update({
      where: { id },
      data: {
        status: to,
        // Marking a goal complete means it was reached, so it shows as 100%.
        ...(to === 'completed' ? { currentValue: Math.max(row.currentValue ?? 0, targetOf(row)) } : {}),
        updatedAt: now,
      },
    });
    const newAchievements = to === 'completed' ? await celebrateCompletion(tx, userId, today, now) : [];
    return { goal: toGoal(updated, today), newAchievements };
  });
}

/** Marks an active goal as done (even before its target), counting it as the day's activity. */
export function completeGoal(deps: CoreDeps, userId: string, input: GoalRefInput): Promise<GoalCompletion> {
  return transition(deps, userId, input, 'completed');
}

export async function pauseGoal(deps: CoreDeps, userId: string, input: GoalRefInput): Promise<Goal> {
  return (await transition(deps, userId, input, 'paused')).goal;
}

export async function cancelGoal(deps: CoreDeps, userId: string, input: GoalRefInput): Promise<Goal> {
  return (await transition(deps, userId, input, 'cancelled')).goal;
}

/** Resumes a paused goal or revives a cancelled one (within the active-goal limit). */
export async function reactivateGoal(deps: CoreDeps, userId: string, input: GoalRefInput): Promise<Goal> {
  return (await transition(deps, userId, input, 'active')).goal;
}

/** The person's goals, active first, then paused, completed and cancelled; most recently changed first within each. */
export async function listGoals(deps: CoreDeps, userId: string, input: ListGoalsInput = {}): Promise<Goal[]> {
  const { status } = parseInput(listInput, input);
  const user = await getUser(deps, userId);
  const today = todayFor(deps, user.settings);
  const where =
    status === undefined ? { userId } : status === 'active' ? { userId, OR: [{ status: 'active' }, { status: null }] } : { userId, status };
  const rows = await deps.db.prisma.socialGoal.findMany({
    where,
    orderBy: [{ updatedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
  });
  // Array.prototype.sort is stable, so the database order holds within each status.
  return rows.map((row) => toGoal(row, today)).sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
}

/** One goal with its progress and the days left to its target date. */
export async function goalStatus(deps: CoreDeps, userId: string, input: GoalRefInput): Promise<Goal> {
  const { goal: ref } = parseInput(goalRefInput, input);
  return findGoal(deps, userId, ref);
}

/** The person's goal named by `ref`: its id, or a unique case-insensitive (part of its) title. */
export async function findGoal(deps: CoreDeps, userId: string, ref: string): Promise<Goal> {
  const { goal: text } = parseInput(goalRefInput, { goal: ref });
  const user = await getUser(deps, userId);
  const today = todayFor(deps, user.settings);
  return toGoal(await resolveGoal(deps.db.prisma, userId, text), today);
}

/** Goals whose title contains `query` (any case), for autocomplete; never throws for odd input. */
export async function searchGoals(deps: CoreDeps, userId: string, query: string, limit = MAX_SEARCH_RESULTS): Promise<GoalChoice[]> {
  const q = typeof query === 'string' ? query.trim().slice(0, 200) : '';
  const take = Number.isFinite(limit) ? Math.max(1, Math.min(MAX_SEARCH_RESULTS, Math.floor(limit))) : MAX_SEARCH_RESULTS;
  if (!UUID.test(userId)) return [];
  const rows = await deps.db.prisma.$queryRaw<Array<{ id: string; title: string; status: string | null; target_value: number | null; current_value: number | null }>>`
    SELECT id::text AS id, title, status, target_value, current_value
      FROM social_goals
     WHERE user_id = ${userId}::uuid AND strpos(lower(title), lower(${q}::text)) > 0
     ORDER BY CASE COALESCE(status, 'active') WHEN 'active' THEN 0 WHEN 'paused' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END,
              strpos(lower(title), lower(${q}::text)) = 1 DESC,
              updated_at DESC NULLS LAST, id
     LIMIT ${take}::int`;
  return rows.map((r) => {
    const status = statusOf({ status: r.status });
    return {
      id: r.id,
      title: r.title,
      status,
      progressPercent: percentOf(status, r.current_value ?? 0, targetOf({ targetValue: r.target_value })),
    };
  });
}
