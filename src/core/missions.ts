/**
 * Missions: the catalog, a person's own missions, finding a mission from what
 * someone typed, a suggestion for the next step, and the status machine
 * assigned → in_progress → completed | skipped (a skipped mission can be started
 * again). Mission points reach `users.total_points` only through the seed's
 * `update_user_points` trigger, which fires when a row's status becomes
 * 'completed' by UPDATE; that is why a mission done without pressing start is
 * first inserted as 'assigned' and then updated.
 *
 * `user_missions` has no column for when a mission was skipped, so a skip is
 * stamped in `companion_mission_skips`; suggestions read it to rest a skipped
 * mission for two weeks.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EarnedAchievement } from './achievements.ts';
import { recordActivity } from './activity.ts';
import { inTransaction, type CoreDeps, type Tx } from './deps.ts';
import { UserError } from './errors.ts';
import { localDate } from './time.ts';
import { getUser, todayFor } from './users.ts';
import { parseInput } from './validate.ts';

export const MISSION_DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type MissionDifficulty = (typeof MISSION_DIFFICULTIES)[number];

export const MISSION_STATUSES = ['assigned', 'in_progress', 'completed', 'skipped'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

/** How long a skipped mission rests before suggestions offer it again. */
export const SKIP_REST_DAYS = 14;
const DAY_MS = 86_400_000;

export interface MissionView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly difficulty: MissionDifficulty;
  readonly category: string;
  readonly points: number;
  readonly timeEstimate: string | null;
  readonly tips: readonly string[];
}

export interface MissionWithStatus extends MissionView {
  /** The person's status, or null when the mission is not on their list. */
  readonly status: MissionStatus | null;
}

export interface MyMission {
  readonly mission: MissionView;
  readonly status: MissionStatus;
  readonly assignedAt: Date | null;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
  readonly notes: string | null;
  readonly difficultyRating: number | null;
  readonly satisfactionRating: number | null;
}

interface MissionRow {
  id: string;
  title: string;
  description: string;
  difficulty: string;
  category: string;
  points: number;
  time_estimate: string | null;
  tips: string[] | null;
}

function toView(row: MissionRow): MissionView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    difficulty: row.difficulty as MissionDifficulty,
    category: row.category,
    points: Number(row.points),
    timeEstimate: row.time_estimate,
    tips: row.tips ?? [],
  };
}

/** A category as people read it: 'group_social' → 'group social'. */
function categoryLabel(category: string): string {
  return category.replace(/_/g, ' ');
}

function listWords(items: readonly string[], conjunction = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------
// The status machine
// ---------------------------------------------------------------------------

const ALLOWED: Readonly<Record<MissionStatus, readonly MissionStatus[]>> = {
  assigned: ['in_progress', 'completed', 'skipped'],
  in_progress: ['completed', 'skipped'],
  // Starting a skipped mission again is how someone comes back to it.
  skipped: ['in_progress'],
  completed: [],
};

/**
 * Refuses a move the machine does not allow with a kind `invalid_transition`.
 * A mission not yet on the person's list counts as 'assigned': services create
 * the row first and then move it.
 */
export function assertTransition(from: MissionStatus, to: MissionStatus, title = 'this mission'): void {
  if (ALLOWED[from].includes(to)) return;
  const name = title === 'this mission' ? title : `"${title}"`;
  let message: string;
  if (from === 'completed') {
    message =
      to === 'completed'
        ? `You've already completed ${name}, and its points are yours. Nice work!`
        : `You've already completed ${name}. Finished missions stay finished; pick a new one whenever you like.`;
  } else if (from === 'in_progress' && to === 'in_progress') {
    message = `You're already on this one: ${name} is in progress. Mark it complete whenever you've done it.`;
  } else if (from === 'skipped' && to === 'skipped') {
    message = `${capitalise(name)} is already set aside. You can start it again any time.`;
  } else if (from === 'skipped' && to === 'completed') {
    message = `You set ${name} aside earlier. Start it again first, then mark it complete.`;
  } else if (to === 'assigned') {
    message = `${capitalise(name)} is already on your list.`;
  } else {
    message = `${capitalise(name)} can't go from ${from.replace('_', ' ')} to ${to.replace('_', ' ')}.`;
  }
  throw new UserError('invalid_transition', message);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------
// Catalog
// ---------------------------------------------------------------------------

/** Categories of the active missions, sorted. */
export async function missionCategories(deps: CoreDeps): Promise<string[]> {
  const rows = await deps.db.prisma.$queryRaw<Array<{ category: string }>>`
    SELECT DISTINCT category FROM missions WHERE is_active IS NOT FALSE ORDER BY category`;
  return rows.map((r) => r.category);
}

const difficultySchema = z.enum(MISSION_DIFFICULTIES, { error: `choose ${listWords(MISSION_DIFFICULTIES)}` });

const catalogInput = z.object({
  difficulty: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), difficultySchema).optional(),
  category: z
    .string({ error: 'write a category name, like conversation' })
    .trim()
    .max(100, 'a category name is at most 100 characters')
    // People type 'group social' or 'Group-Social'; the table says 'group_social'.
    .transform((v) => v.toLowerCase().replace(/[\s-]+/g, '_'))
    .optional(),
  limit: z.coerce
    .number({ error: 'choose a whole number from 1 to 25' })
    .int('choose a whole number from 1 to 25')
    .min(1, 'choose a whole number from 1 to 25')
    .max(25, 'choose a whole number from 1 to 25')
    .default(10),
  offset: z.coerce
    .number({ error: 'must be a whole number, 0 or more' })
    .int('must be a whole number, 0 or more')
    .min(0, 'must be a whole number, 0 or more')
    .default(0),
});

export type CatalogQuery = z.input<typeof catalogInput>;

export interface CatalogPage {
  readonly missions: readonly MissionWithStatus[];
  /** Active missions matching the filters, across all pages. */
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

type StatusRow = MissionRow & { status: MissionStatus | null };

/** Active missions, gentlest first, each with the person's status. */
export async function listCatalog(deps: CoreDeps, userId: string, input: CatalogQuery = {}): Promise<CatalogPage> {
  const query = parseInput(catalogInput, input);
  const difficulty = query.difficulty ?? null;
  let category: string | null = null;
  if (query.category) {
    const categories = await missionCategories(deps);
    if (!categories.includes(query.category)) {
      throw new UserError('invalid_input', `category: choose one of ${listWords(categories)}`);
    }
    category = query.category;
  }
  const prisma = deps.db.prisma;
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<StatusRow[]>`
      SELECT m.id, m.title, m.description, m.difficulty, m.category, m.points, m.time_estimate, m.tips, um.status
        FROM missions m
        LEFT JOIN user_missions um ON um.mission_id = m.id AND um.user_id = ${userId}::uuid
       WHERE m.is_active IS NOT FALSE
         AND (${difficulty}::text IS NULL OR m.difficulty = ${difficulty}::text)
         AND (${category}::text IS NULL OR m.category = ${category}::text)
       ORDER BY CASE m.difficulty WHEN 'beginner' THEN 0 WHEN 'intermediate' THEN 1 ELSE 2 END,
                m.category, m.points, m.title, m.id
       LIMIT ${query.limit}::int OFFSET ${query.offset}::int`,
    prisma.$queryRaw<Array<{ total: number }>>`
      SELECT count(*)::int AS total FROM missions m
       WHERE m.is_active IS NOT FALSE
         AND (${difficulty}::text IS NULL OR m.difficulty = ${difficulty}::text)
         AND (${category}::text IS NULL OR m.category = ${category}::text)`,
  ]);
  return {
    missions: rows.map((r) => ({ ...toView(r), status: r.status })),
    total: count?.total ?? 0,
    limit: query.limit,
    offset: query.offset,
  };
}

// ---------------------------------------------------------------------------
// The person's missions
// ---------------------------------------------------------------------------

const myMissionsInput = z.object({
  status: z.enum(MISSION_STATUSES, { error: `choose ${listWords(MISSION_STATUSES)}` }).optional(),
});

export type MyMissionsQuery = z.input<typeof myMissionsInput>;

/** The person's missions: in progress and assigned first (latest first), then completed and skipped (latest first). */
export async function listMyMissions(deps: CoreDeps, userId: string, input: MyMissionsQuery = {}): Promise<MyMission[]> {
  const { status } = parseInput(myMissionsInput, input);
  const rows = await deps.db.prisma.$queryRaw<
    Array<
      MissionRow & {
        status: MissionStatus;
        assigned_at: Date | null;
        started_at: Date | null;
        completed_at: Date | null;
        notes: string | null;
        difficulty_rating: number | null;
        satisfaction_rating: number | null;
      }
    >
  >`
    SELECT m.id, m.title, m.description, m.difficulty, m.category, m.points, m.time_estimate, m.tips,
           um.status, um.assigned_at, um.started_at, um.completed_at, um.notes, um.difficulty_rating, um.satisfaction_rating
      FROM user_missions um
      JOIN missions m ON m.id = um.mission_id
     WHERE um.user_id = ${userId}::uuid
       AND (${status ?? null}::text IS NULL OR um.status = ${status ?? null}::text)
     ORDER BY CASE um.status WHEN 'in_progress' THEN 0 WHEN 'assigned' THEN 1 ELSE 2 END,
              COALESCE(um.completed_at, um.started_at, um.assigned_at) DESC NULLS LAST, m.title`;
  return rows.map((r) => ({
    mission: toView(r),
    status: r.status,
    assignedAt: r.assigned_at,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    notes: r.notes,
    difficultyRating: r.difficulty_rating,
    satisfactionRating: r.satisfaction_rating,
  }));
}

// ---------------------------------------------------------------------------
// Finding a mission from what someone typed
// ---------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Titles and typed text compared without case, apostrophes or punctuation, so
 * "someones name" finds "Remember and Use Someone's Name". Must match NORMALISED_TITLE.
 */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const missionRef = z
  .string({ error: 'tell me which mission, by its name' })
  .trim()
  .min(1, 'tell me which mission, by its name')
  .max(200, 'a mission name is at most 200 characters');

const findInput = z.object({ mission: missionRef });

/**
 * A mission named by a person: its id, its title (any case), or a part of the
 * title that fits one mission. Retired missions are found only when they are on
 * the person's list. When a part fits several, the one on their current list
 * (assigned or in progress) wins if it is the only such one.
 */
export async function findMission(deps: CoreDeps, userId: string, ref: string): Promise<MissionWithStatus> {
  const { mission: text } = parseInput(findInput, { mission: ref });
  const prisma = deps.db.prisma;

  if (UUID.test(text)) {
    const rows = await prisma.$queryRaw<StatusRow[]>`
      SELECT m.id, m.title, m.description, m.difficulty, m.category, m.points, m.time_estimate, m.tips, um.status
        FROM missions m
        LEFT JOIN user_missions um ON um.mission_id = m.id AND um.user_id = ${userId}::uuid
       WHERE m.id = ${text}::uuid AND (m.is_active IS NOT FALSE OR um.id IS NOT NULL)`;
    if (rows[0]) return { ...toView(rows[0]), status: rows[0].status };
    throw new UserError('not_found', 'I could not find that mission; it may have been retired. Browse the catalog to pick another one.');
  }

  const needle = normalise(text);
  if (!needle) throw new UserError('invalid_input', 'mission: tell me which mission, using a word or two from its name');
  // `needle` holds only a-z, 0-9 and spaces, so it is safe inside LIKE without escaping.
  const rows = await prisma.$queryRaw<Array<StatusRow & { normalised: string; active: boolean }>>`
    SELECT * FROM (
      SELECT m.id, m.title, m.description, m.difficulty, m.category, m.points, m.time_estimate, m.tips, um.status,
             m.is_active IS NOT FALSE AS active,
             btrim(regexp_replace(regexp_replace(lower(m.title), '[''’]', '', 'g'), '[^a-z0-9]+', ' ', 'g')) AS normalised
        FROM missions m
        LEFT JOIN user_missions um ON um.mission_id = m.id AND um.user_id = ${userId}::uuid
       WHERE m.is_active IS NOT FALSE OR um.id IS NOT NULL) c
     WHERE c.normalised LIKE '%' || ${needle} || '%'
     ORDER BY c.active DESC, c.title, c.id`;

  const pick = (row: StatusRow): MissionWithStatus => ({ ...toView(row), status: row.status });
  const exact = rows.filter((r) => r.normalised === needle);
  if (exact.length > 0) return pick(exact[0]!);
  const prefix = rows.filter((r) => r.normalised.startsWith(needle));
  const matches = prefix.length > 0 ? prefix : rows;
  if (matches.length === 1) return pick(matches[0]!);
  if (matches.length === 0) {
    throw new UserError(
      'not_found',
      `I couldn't find a mission called "${text}". Try a word from its name, like "compliment" or "event", or browse the catalog to pick one.`,
    );
  }
  const current = matches.filter((r) => r.status === 'assigned' || r.status === 'in_progress');
  if (current.length === 1) return pick(current[0]!);
  const named = matches.slice(0, 3).map((r) => `"${r.title}"`);
  const more = matches.length > 3 ? ` and ${matches.length - 3} more` : '';
  throw new UserError('invalid_input', `mission: "${text}" fits several missions: ${named.join(', ')}${more}. Which one did you mean?`);
}

const searchInput = z.object({
  query: z.string({ error: 'type part of a mission name' }).max(200, 'a mission name is at most 200 characters'),
  limit: z.coerce
    .number({ error: 'choose a whole number from 1 to 25' })
    .int('choose a whole number from 1 to 25')
    .min(1, 'choose a whole number from 1 to 25')
    .max(25, 'choose a whole number from 1 to 25'),
});

/** Active missions whose title contains `query`, for autocomplete: whole-title, then prefix, then word-start, then other matches. */
export async function searchMissions(deps: CoreDeps, query: string, limit = 25): Promise<MissionView[]> {
  const parsed = parseInput(searchInput, { query, limit });
  const needle = normalise(parsed.query);
  const rows = await deps.db.prisma.$queryRaw<MissionRow[]>`
    SELECT c.id, c.title, c.description, c.difficulty, c.category, c.points, c.time_estimate, c.tips FROM (
      SELECT m.*, btrim(regexp_replace(regexp_replace(lower(m.title), '[''’]', '', 'g'), '[^a-z0-9]+', ' ', 'g')) AS normalised
        FROM missions m WHERE m.is_active IS NOT FALSE) c
     WHERE c.normalised LIKE '%' || ${needle} || '%'
     ORDER BY CASE WHEN c.normalised = ${needle} THEN 0
                   WHEN c.normalised LIKE ${needle} || '%' THEN 1
                   WHEN c.normalised LIKE '% ' || ${needle} || '%' THEN 2
                   ELSE 3 END,
              position(${needle} in c.normalised), c.title, c.id
     LIMIT ${parsed.limit}::int`;
  return rows.map(toView);
}

// ---------------------------------------------------------------------------
// Suggestions
// ---------------------------------------------------------------------------

export interface Suggestion {
  /** The suggested mission, or null when nothing is left to suggest right now. */
  readonly mission: MissionView | null;
  /** One warm sentence: why this mission, or what to do when there is none. */
  readonly reason: string;
}

/** Difficulties that fit a confidence level (users.confidence_level, 1-10). */
function difficultiesFor(confidence: number): MissionDifficulty[] {
  if (confidence < 4) return ['beginner'];
  if (confidence < 7) return ['beginner', 'intermediate'];
  return ['intermediate', 'advanced'];
}

/** Comfort per context (1-5) from `user_profiles.comfort_levels`; anything unreadable is ignored. */
function readComfort(value: unknown): Map<string, number> {
  const comfort = new Map<string, number>();
  if (!value || typeof value !== 'object' || Array.isArray(value)) return comfort;
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const level = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
    if (Number.isFinite(level)) comfort.set(key.trim().toLowerCase().replace(/[\s-]+/g, '_'), level);
  }
  return comfort;
}

function rotation(userId: string, day: string, missionId: string): number {
  return createHash('sha256').update(`${userId}:${day}:${missionId}`).digest().readUInt32BE(0);
}

type SuggestRow = MissionRow & { status: MissionStatus | null; skipped_at: Date | null };

/**
 * The next mission for the person: active, not done, not already on their list,
 * not skipped in the last two weeks; its difficulty fits their confidence (and
 * is beginner while they have completed fewer than 3), a category they find hard
 * (comfort 1-2) only offers beginner steps, and a category unlike their last two
 * finished or skipped missions is preferred. Ties rotate daily per person.
 */
export async function suggestMission(deps: CoreDeps, userId: string): Promise<Suggestion> {
  const user = await getUser(deps, userId);
  const prisma = deps.db.prisma;
  const [rows, recent, [done], profile] = await Promise.all([
    prisma.$queryRaw<SuggestRow[]>`
      SELECT m.id, m.title, m.description, m.difficulty, m.category, m.points, m.time_estimate, m.tips, um.status, s.skipped_at
        FROM missions m
        LEFT JOIN user_missions um ON um.mission_id = m.id AND um.user_id = ${userId}::uuid
        LEFT JOIN companion_mission_skips s ON s.mission_id = m.id AND s.user_id = ${userId}::uuid
       WHERE m.is_active IS NOT FALSE`,
    prisma.$queryRaw<Array<{ category: string }>>`
      SELECT m.category FROM user_missions um JOIN missions m ON m.id = um.mission_id
        LEFT JOIN companion_mission_skips s ON s.mission_id = um.mission_id AND s.user_id = um.user_id
       WHERE um.user_id = ${userId}::uuid AND um.status IN ('completed', 'skipped')
       ORDER BY COALESCE(um.completed_at, s.skipped_at, um.assigned_at) DESC NULLS LAST, um.id
       LIMIT 2`,
    prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM user_missions WHERE user_id = ${userId}::uuid AND status = 'completed'`,
    // The newest profile row, as profile.ts reads it (the seed allows several per person).
    prisma.userProfile.findFirst({
      where: { userId },
      orderBy: [{ updatedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
      select: { comfortLevels: true },
    }),
  ]);

  const now = deps.clock.now();
  const restedSince = now.getTime() - SKIP_REST_DAYS * DAY_MS;
  const open = rows.filter(
    (r) => r.status === null || (r.status === 'skipped' && (r.skipped_at === null || r.skipped_at.getTime() <= restedSince)),
  );
  if (open.length === 0) return { mission: null, reason: nothingLeftReason(rows) };

  const comfort = readComfort(profile?.comfortLevels);
  const hardCategory = (category: string) => (comfort.get(category) ?? 3) <= 2;
  // A category that feels hard only ever offers beginner steps, whatever else is relaxed.
  const comfortable = open.filter((r) => r.difficulty === 'beginner' || !hardCategory(r.category));
  if (comfortable.length === 0) {
    return {
      mission: null,
      reason:
        "The missions left are bigger steps in areas you've said feel hard right now. When those feel a little more comfortable, I'll suggest them. Until then, every small step you've taken counts.",
    };
  }

  const newcomer = (done?.n ?? 0) < 3;
  const fitting = new Set<string>(difficultiesFor(user.confidenceLevel));
  if (newcomer) fitting.add('beginner');
  const strict = comfortable.filter((r) => fitting.has(r.difficulty));
  const relaxed = strict.length === 0;
  const pool = relaxed ? comfortable : strict;

  const recentCategories = recent.map((r) => r.category);
  const day = localDate(now, user.settings.timezone);
  const ranked = pool
    .map((r) => ({
      row: r,
      key: [
        newcomer && r.difficulty !== 'beginner' ? 1 : 0,
        recentCategories.includes(r.category) ? 1 : 0,
        rotation(userId, day, r.id),
      ],
    }))
    .sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]! || a.key[2]! - b.key[2]! || a.row.id.localeCompare(b.row.id));
  const chosen = ranked[0]!.row;
  return {
    mission: toView(chosen),
    reason: suggestionReason(chosen, { newcomer, relaxed, hard: hardCategory(chosen.category), recentCategories }),
  };
}

function nothingLeftReason(rows: readonly SuggestRow[]): string {
  if (rows.some((r) => r.status === 'assigned' || r.status === 'in_progress')) {
    return 'Every mission left is already on your list. Pick one of those up whenever you feel ready.';
  }
  if (rows.some((r) => r.status === 'skipped')) {
    return `You've completed or set aside every mission for now. Skipped ones come back after ${SKIP_REST_DAYS} days, whenever you feel ready.`;
  }
  return "You've completed every mission there is. That's a wonderful achievement; new ones will show up here when they're added.";
}

function suggestionReason(
  mission: MissionRow,
  why: { newcomer: boolean; relaxed: boolean; hard: boolean; recentCategories: readonly string[] },
): string {
  const label = categoryLabel(mission.category);
  let base: string;
  if (why.relaxed) {
    base = `You've done most of the missions at your usual level, so here's ${mission.difficulty === 'intermediate' ? 'an' : 'a'} ${mission.difficulty} one you haven't tried yet`;
  } else if (mission.difficulty === 'beginner' && why.hard) {
    base = `A gentle beginner step in ${label}, at your own pace`;
  } else if (mission.difficulty === 'beginner' && why.newcomer) {
    base = 'A gentle beginner step to get you started';
  } else if (mission.difficulty === 'beginner') {
    base = 'A gentle beginner step';
  } else if (mission.difficulty === 'intermediate') {
    base = "A steady intermediate step that fits the confidence you've been building";
  } else {
    base = 'An advanced stretch, because your confidence has been growing';
  }
  const recent = why.recentCategories;
  let variety = '';
  if (recent.length > 0 && !recent.includes(mission.category)) {
    if (recent.length === 2 && recent[0] === recent[1]) variety = `, since your last two were ${categoryLabel(recent[0]!)} missions`;
    else variety = `, for a change from ${listWords(recent.map(categoryLabel), 'and')}`;
  }
  return `${base}${variety}.`;
}

// ---------------------------------------------------------------------------
// Start, complete, skip
// ---------------------------------------------------------------------------

const notesSchema = z
  .string({ error: 'write your notes as text' })
  .trim()
  .max(2000, 'write at most 2,000 characters')
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const rating = z.coerce
  .number({ error: 'rate it with a whole number from 1 to 5' })
  .int('rate it with a whole number from 1 to 5')
  .min(1, 'rate it with a whole number from 1 to 5')
  .max(5, 'rate it with a whole number from 1 to 5')
  .optional();

const startInput = z.object({ mission: missionRef });
const completeInput = z.object({ mission: missionRef, difficulty: rating, satisfaction: rating, notes: notesSchema });
const skipInput = z.object({ mission: missionRef, notes: notesSchema });

export type StartMissionInput = z.input<typeof startInput>;
export type CompleteMissionInput = z.input<typeof completeInput>;
export type SkipMissionInput = z.input<typeof skipInput>;

export interface MissionChange {
  readonly mission: MissionView;
  readonly status: MissionStatus;
}

/** Puts the mission on the person's list if it is not there yet; a row that exists is left alone. */
async function ensureRow(tx: Tx, userId: string, missionId: string, now: Date): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO user_missions (user_id, mission_id, status, assigned_at)
    VALUES (${userId}::uuid, ${missionId}::uuid, 'assigned', ${now})
    ON CONFLICT (user_id, mission_id) DO NOTHING`;
}

/** Called after a conditional update matched nothing: explains why, from the row's current status. */
async function refuseTransition(tx: Tx, userId: string, mission: MissionView, to: MissionStatus): Promise<never> {
  const [row] = await tx.$queryRaw<Array<{ status: MissionStatus }>>`
    SELECT status FROM user_missions WHERE user_id = ${userId}::uuid AND mission_id = ${mission.id}::uuid`;
  assertTransition(row?.status ?? 'assigned', to, mission.title);
  throw new Error(`user_missions update for ${mission.id} matched no row although ${row?.status} → ${to} is allowed`);
}

/** Starts a mission (adding it to the person's list first if needed); a skipped mission can be started again. */
export async function startMission(deps: CoreDeps, userId: string, input: StartMissionInput): Promise<MissionChange & { startedAt: Date }> {
  const { mission: ref } = parseInput(startInput, input);
  const mission = await findMission(deps, userId, ref);
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    await ensureRow(tx, userId, mission.id, now);
    // The status condition makes the move atomic: of two racing starts, one updates and one is refused.
    const updated = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE user_missions SET status = 'in_progress', started_at = ${now}
       WHERE user_id = ${userId}::uuid AND mission_id = ${mission.id}::uuid AND status IN ('assigned', 'skipped')
       RETURNING id`;
    if (updated.length === 0) await refuseTransition(tx, userId, mission, 'in_progress');
    return { mission: withoutStatus(mission), status: 'in_progress' as const, startedAt: now };
  });
}

export interface CompletedMission {
  readonly mission: MissionView;
  readonly pointsEarned: number;
  /** users.total_points after the mission's points and any new achievements' rewards. */
  readonly totalPoints: number;
  readonly newAchievements: readonly EarnedAchievement[];
}

/**
 * Completes a mission that is assigned, in progress, or not on the list yet
 * (people often do a mission before pressing start). The seed trigger adds the
 * points; the conditional update guarantees it happens once even when two
 * completions race.
 */
export async function completeMission(deps: CoreDeps, userId: string, input: CompleteMissionInput): Promise<CompletedMission> {
  const { mission: ref, difficulty, satisfaction, notes } = parseInput(completeInput, input);
  const [mission, user] = await Promise.all([findMission(deps, userId, ref), getUser(deps, userId)]);
  const day = todayFor(deps, user.settings);
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    await ensureRow(tx, userId, mission.id, now);
    const updated = await tx.$queryRaw<Array<{ points: number }>>`
      UPDATE user_missions um
         SET status = 'completed', completed_at = ${now},
             difficulty_rating = COALESCE(${difficulty ?? null}::int, um.difficulty_rating),
             satisfaction_rating = COALESCE(${satisfaction ?? null}::int, um.satisfaction_rating),
             notes = COALESCE(${notes ?? null}::text, um.notes)
        FROM missions m
       WHERE m.id = um.mission_id
         AND um.user_id = ${userId}::uuid AND um.mission_id = ${mission.id}::uuid AND um.status IN ('assigned', 'in_progress')
       RETURNING m.points`;
    if (updated.length === 0) await refuseTransition(tx, userId, mission, 'completed');
    const pointsEarned = Number(updated[0]!.points);
    const { newAchievements, person } = await recordActivity(tx, userId, day, { missionsCompleted: 1, pointsEarned }, now);
    return {
      mission: { ...withoutStatus(mission), points: pointsEarned },
      pointsEarned,
      totalPoints: person.totalPoints,
      newAchievements,
    };
  });
}

/** Sets a mission aside (from assigned, in progress, or not on the list yet) so suggestions rest it for a while. */
export async function skipMission(deps: CoreDeps, userId: string, input: SkipMissionInput): Promise<MissionChange> {
  const { mission: ref, notes } = parseInput(skipInput, input);
  const mission = await findMission(deps, userId, ref);
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    await ensureRow(tx, userId, mission.id, now);
    const updated = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE user_missions SET status = 'skipped', notes = COALESCE(${notes ?? null}::text, notes)
       WHERE user_id = ${userId}::uuid AND mission_id = ${mission.id}::uuid AND status IN ('assigned', 'in_progress')
       RETURNING id`;
    if (updated.length === 0) await refuseTransition(tx, userId, mission, 'skipped');
    await tx.$executeRaw`
      INSERT INTO companion_mission_skips (user_id, mission_id, skipped_at) VALUES (${userId}::uuid, ${mission.id}::uuid, ${now})
      ON CONFLICT (user_id, mission_id) DO UPDATE SET skipped_at = EXCLUDED.skipped_at`;
    return { mission: withoutStatus(mission), status: 'skipped' as const };
  });
}

function withoutStatus(mission: MissionWithStatus): MissionView {
  const { status: _status, ...view } = mission;
  return view;
}
