/**
 * The journal: writing entries (which keep the streak, the day's progress and
 * achievements), reading them back page by page, and suggesting a reflection
 * prompt that fits how the person last felt.
 */
import { z } from 'zod';
import type { EarnedAchievement } from './achievements.ts';
import { recordActivity } from './activity.ts';
import { inTransaction, type CoreDeps } from './deps.ts';
import { UserError } from './errors.ts';
import { labelListSchema, moodSchema, optionalText, wholeNumberSchema } from './mood.ts';
import { choosePrompt, moodGroupOf, PROMPT_MAX_LENGTH } from './reflection-prompts.ts';
import { earnStreakFreezes, protectStreakBeforeEntry } from './streak-freeze.ts';
import { localDate } from './time.ts';
import { getUser } from './users.ts';
import { parseInput } from './validate.ts';

export { MOODS } from './mood.ts';

export const CONTENT_MAX_LENGTH = 4000;

const unknownKeys = { error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `I don't know the option ${issue.keys?.join(', ')}` : undefined) };

const writeInput = z.strictObject(
  {
    content: z
      .string({ error: 'write a few words about your day; the entry is empty' })
      .trim()
      .min(1, 'write a few words about your day; the entry is empty')
      .max(CONTENT_MAX_LENGTH, {
        error: (issue) =>
          `write at most 4,000 characters (this entry has ${String(issue.input).length.toLocaleString('en-US')}); you could split it into two entries`,
      }),
    mood: moodSchema,
    tags: labelListSchema({ noun: 'tag', maxItems: 10, maxLength: 30, splitOnSpaces: true }),
    reflectionPrompt: optionalText(PROMPT_MAX_LENGTH, 'keep the prompt to at most 500 characters'),
    isPrivate: z.boolean({ error: 'must be true or false' }).default(true),
  },
  unknownKeys,
);

export type WriteJournalEntryInput = z.input<typeof writeInput>;

export interface JournalEntryView {
  readonly id: string;
  readonly content: string;
  readonly mood: string;
  readonly tags: readonly string[];
  readonly reflectionPrompt: string | null;
  /** Counted by the database from the content. */
  readonly wordCount: number;
  readonly createdAt: Date;
  readonly isPrivate: boolean;
}

export interface WriteJournalEntryResult {
  readonly entry: JournalEntryView;
  readonly streakDays: number;
  readonly longestStreak: number;
  /** Missed days a streak freeze covered because of this entry. */
  readonly daysProtected: number;
  /** Streak freezes this entry earned (a 7-day milestone of the run). */
  readonly freezesEarned: number;
  readonly newAchievements: readonly EarnedAchievement[];
}

interface EntryRow {
  id: string;
  content: string;
  mood: string;
  tags: string[] | null;
  reflectionPrompt: string | null;
  wordCount: number | null;
  createdAt: Date | null;
  isPrivate: boolean | null;
}

function toView(row: EntryRow): JournalEntryView {
  return {
    id: row.id,
    content: row.content,
    mood: row.mood,
    tags: row.tags ?? [],
    reflectionPrompt: row.reflectionPrompt,
    wordCount: row.wordCount ?? 0,
    createdAt: row.createdAt ?? new Date(0),
    isPrivate: row.isPrivate ?? true,
  };
}

/**
 * Saves an entry written now. Held streak freezes get their chance to cover
 * missed days first, so the streak trigger sees an unbroken run when it counts.
 */
export async function writeJournalEntry(deps: CoreDeps, userId: string, input: WriteJournalEntryInput): Promise<WriteJournalEntryResult> {
  const data = parseInput(writeInput, input);
  const user = await getUser(deps, userId);
  const now = deps.clock.now();
  const today = localDate(now, user.settings.timezone);
  return inTransaction(deps, async (tx) => {
    const { daysProtected } = await protectStreakBeforeEntry(tx, userId, today);
    const row = await tx.journalEntry.create({
      data: {
        userId,
        content: data.content,
        mood: data.mood,
        tags: data.tags,
        reflectionPrompt: data.reflectionPrompt,
        isPrivate: data.isPrivate,
        createdAt: now,
        updatedAt: now,
      },
    });
    // One entry is one activity, even though it also sets the day's mood.
    const { newAchievements, person } = await recordActivity(tx, userId, today, { journalEntries: 1, mood: data.mood, activities: 1 }, now);
    // `person` was read after the insert, so it holds what the streak trigger computed.
    const freezesEarned = await earnStreakFreezes(tx, userId, person.run);
    return {
      entry: toView(row),
      streakDays: person.streakDays,
      longestStreak: person.longestStreak,
      daysProtected,
      freezesEarned,
      newAchievements,
    };
  });
}

const listInput = z
  .strictObject(
    {
      limit: wholeNumberSchema(1, 25, 'show from 1 to 25 entries at a time').default(5),
      cursor: z.string({ error: 'must be the page link from the previous page' }).nullish(),
    },
    unknownKeys,
  )
  .default({ limit: 5 });

export type ListJournalEntriesInput = z.input<typeof listInput>;

export interface JournalPage {
  readonly entries: readonly JournalEntryView[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * A position in the newest-first order. created_at keeps microseconds (entries
 * from the Extrovertly app have them) and JavaScript dates do not, so the cursor
 * carries them as text; the id breaks ties between entries of one instant.
 */
interface Position {
  readonly micros: string;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(position: Position): string {
  return Buffer.from(`${position.micros}.${position.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Position {
  const [micros, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  if (micros === undefined || id === undefined || !/^-?\d{1,19}$/.test(micros) || !UUID.test(id)) {
    throw new UserError('invalid_input', 'cursor: that page link did not work; start again from your newest entries');
  }
  return { micros, id };
}

interface ListedRow {
  id: string;
  content: string;
  mood: string;
  tags: string[] | null;
  reflection_prompt: string | null;
  word_count: number | null;
  created_at: Date;
  is_private: boolean | null;
  micros: string;
}

/** The person's own entries, newest first, `limit` at a time. */
export async function listJournalEntries(deps: CoreDeps, userId: string, input: ListJournalEntriesInput = {}): Promise<JournalPage> {
  const { limit, cursor } = parseInput(listInput, input);
  const after = cursor ? decodeCursor(cursor) : null;
  const prisma = deps.db.prisma;
  // Raw SQL: the keyset comparison needs created_at at full (microsecond) precision.
  // An entry without created_at cannot be placed in time; the column default always sets it.
  const rows = after
    ? await prisma.$queryRaw<ListedRow[]>`
        SELECT id::text, content, mood, tags, reflection_prompt, word_count, created_at, is_private,
               ((extract(epoch FROM created_at) * 1000000)::bigint)::text AS micros
          FROM journal_entries
         WHERE user_id = ${userId}::uuid AND created_at IS NOT NULL
           AND (created_at, id) < ('epoch'::timestamptz + ${after.micros}::bigint * interval '1 microsecond', ${after.id}::uuid)
         ORDER BY created_at DESC, id DESC
         LIMIT ${limit + 1}`
    : await prisma.$queryRaw<ListedRow[]>`
        SELECT id::text, content, mood, tags, reflection_prompt, word_count, created_at, is_private,
               ((extract(epoch FROM created_at) * 1000000)::bigint)::text AS micros
          FROM journal_entries
         WHERE user_id = ${userId}::uuid AND created_at IS NOT NULL
         ORDER BY created_at DESC, id DESC
         LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) =>
      toView({
        id: r.id,
        content: r.content,
        mood: r.mood,
        tags: r.tags,
        reflectionPrompt: r.reflection_prompt,
        wordCount: r.word_count,
        createdAt: r.created_at,
        isPrivate: r.is_private,
      }),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor({ micros: last.micros, id: last.id }) : null,
  };
}

export interface PromptSuggestion {
  readonly prompt: string;
  /** The last mood the prompt was chosen for; null when none is known or it fits no group. */
  readonly basedOnMood: string | null;
}

/** How many of the latest entries' prompts are not suggested again. */
const RECENT_PROMPTS = 10;

/**
 * A reflection prompt for the person's last mood (the later of their last journal
 * entry and their last mood log), not one of the prompts of their latest entries.
 */
export async function suggestPrompt(deps: CoreDeps, userId: string): Promise<PromptSuggestion> {
  const prisma = deps.db.prisma;
  const [entries, lastLog] = await Promise.all([
    prisma.journalEntry.findMany({
      where: { userId },
      orderBy: [{ createdAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
      take: RECENT_PROMPTS,
      select: { mood: true, reflectionPrompt: true, createdAt: true },
    }),
    prisma.moodTracking.findFirst({
      where: { userId },
      orderBy: [{ recordedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
      select: { mood: true, recordedAt: true },
    }),
  ]);
  const lastEntry = entries[0];
  const time = (d: Date | null | undefined) => d?.getTime() ?? Number.NEGATIVE_INFINITY;
  const lastMood =
    lastLog && (!lastEntry || time(lastLog.recordedAt) >= time(lastEntry.createdAt)) ? lastLog.mood : (lastEntry?.mood ?? null);
  const group = moodGroupOf(lastMood);
  const recent = entries.flatMap((e) => (e.reflectionPrompt ? [e.reflectionPrompt] : []));
  return { prompt: choosePrompt(group, recent), basedOnMood: group ? lastMood : null };
}
