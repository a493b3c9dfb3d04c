/**
 * Mood logs (`mood_tracking`): how someone feels, how strongly, and what set it
 * off, plus a look back over recent days. Also the mood and label rules the
 * journal shares, so a mood reads the same wherever it was written.
 */
import { z } from 'zod';
import type { EarnedAchievement } from './achievements.ts';
import { recordActivity } from './activity.ts';
import { inTransaction, type CoreDeps } from './deps.ts';
import { localDate } from './time.ts';
import { getUser } from './users.ts';
import { parseInput } from './validate.ts';

/** Moods offered as choices. Anything else a person types (up to 50 characters) is kept in their words. */
export const MOODS = [
  'happy',
  'calm',
  'hopeful',
  'proud',
  'grateful',
  'excited',
  'content',
  'tired',
  'nervous',
  'anxious',
  'sad',
  'lonely',
  'frustrated',
  'overwhelmed',
] as const;

export type KnownMood = (typeof MOODS)[number];

/** `mood` columns are VARCHAR(50). */
export const MOOD_MAX_LENGTH = 50;

const collapseSpaces = (value: string) => value.trim().replace(/\s+/g, ' ');

/**
 * A mood: one of MOODS or the person's own short words, lowercased with spaces
 * tidied, so "Anxious " and "anxious" count as one mood in summaries.
 */
export const moodSchema = z
  .string({ error: `pick how you feel, for example ${MOODS.slice(0, 4).join(', ')}, or say it in your own words` })
  .transform((value) => collapseSpaces(value).toLowerCase())
  .pipe(
    z
      .string()
      .min(1, `pick how you feel, for example ${MOODS.slice(0, 4).join(', ')}, or say it in your own words`)
      .max(MOOD_MAX_LENGTH, `describe it in at most ${MOOD_MAX_LENGTH} characters, or pick one like ${MOODS.slice(0, 3).join(', ')}`),
  );

export interface LabelRules {
  /** How to call one label in messages ("tag", "trigger"). */
  readonly noun: string;
  readonly maxItems: number;
  readonly maxLength: number;
  /** Whether a single string splits on spaces too (tags are single words; triggers may be phrases). */
  readonly splitOnSpaces: boolean;
}

/**
 * A list of short labels (journal tags, mood triggers), given as an array or as one
 * string separated by commas (and spaces, for tags). Each is trimmed, lowercased and
 * stripped of leading '#'; blanks are dropped and repeats kept once, in first-seen order.
 */
export function labelListSchema(rules: LabelRules) {
  const splitter = rules.splitOnSpaces ? /[,\s]+/ : /[,\n]+/;
  return z
    .union([z.string(), z.array(z.string())], {
      error: `list ${rules.noun}s as words separated by commas, like "work, friends"`,
    })
    .optional()
    .transform((value, ctx): string[] => {
      if (value === undefined) return [];
      const pieces = typeof value === 'string' ? value.split(splitter) : value;
      const labels = [
        ...new Set(
          pieces
            .map((piece) => collapseSpaces(piece).replace(/^#+/, '').trim().toLowerCase())
            .filter((label) => label.length > 0),
        ),
      ];
      const tooLong = labels.find((label) => label.length > rules.maxLength);
      if (tooLong !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `keep each ${rules.noun} to ${rules.maxLength} characters or fewer ("${tooLong.slice(0, 20)}…" has ${tooLong.length})`,
        });
        return z.NEVER;
      }
      if (labels.length > rules.maxItems) {
        ctx.addIssue({
          code: 'custom',
          message: `add at most ${rules.maxItems} ${rules.noun}s (you gave ${labels.length}); keep the ones that matter most`,
        });
        return z.NEVER;
      }
      return labels;
    });
}

/** Optional free text: blank means none. */
export function optionalText(maxLength: number, message: string) {
  return z
    .string({ error: 'must be text' })
    .nullish()
    .transform((value) => (value == null ? null : value.trim() || null))
    .refine((value) => value === null || value.length <= maxLength, { message });
}

/** A whole number in [min, max]; chat platforms may hand numbers over as text. */
export function wholeNumberSchema(min: number, max: number, message: string, tooBigMessage = message) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
    z.number({ error: message }).int(message).min(min, message).max(max, tooBigMessage),
  );
}

const intensityMessage = 'pick a whole number from 1 (barely) to 10 (very strongly)';

const logMoodInput = z.strictObject(
  {
    mood: moodSchema,
    intensity: wholeNumberSchema(1, 10, intensityMessage),
    context: optionalText(1000, 'write at most 1,000 characters'),
    triggers: labelListSchema({ noun: 'trigger', maxItems: 10, maxLength: 40, splitOnSpaces: false }),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `I don't know the option ${issue.keys.join(', ')}` : undefined) },
);

export type LogMoodInput = z.input<typeof logMoodInput>;

export interface MoodLog {
  readonly id: string;
  readonly mood: string;
  readonly intensity: number | null;
  readonly context: string | null;
  readonly triggers: readonly string[];
  readonly recordedAt: Date;
}

export interface LogMoodResult {
  readonly entry: MoodLog;
  readonly newAchievements: readonly EarnedAchievement[];
}

interface MoodRow {
  id: string;
  mood: string;
  intensity: number | null;
  context: string | null;
  triggers: string[];
  recordedAt: Date | null;
}

function toMoodLog(row: MoodRow): MoodLog {
  return {
    id: row.id,
    mood: row.mood,
    intensity: row.intensity,
    context: row.context,
    triggers: row.triggers ?? [],
    recordedAt: row.recordedAt ?? new Date(0),
  };
}

/** Logs a mood now; it becomes the mood of the person's day and counts as one activity. */
export async function logMood(deps: CoreDeps, userId: string, input: LogMoodInput): Promise<LogMoodResult> {
  const { mood, intensity, context, triggers } = parseInput(logMoodInput, input);
  const user = await getUser(deps, userId);
  const now = deps.clock.now();
  const day = localDate(now, user.settings.timezone);
  return inTransaction(deps, async (tx) => {
    const row = await tx.moodTracking.create({ data: { userId, mood, intensity, context, triggers, recordedAt: now } });
    const { newAchievements } = await recordActivity(tx, userId, day, { mood }, now);
    return { entry: toMoodLog(row), newAchievements };
  });
}

const historyInput = z
  .strictObject(
    {
      days: wholeNumberSchema(1, 365, 'pick a whole number of days from 1 to 365', 'look back at most 365 days').default(30),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `I don't know the option ${issue.keys.join(', ')}` : undefined) },
  )
  .default({ days: 30 });

export type MoodHistoryInput = z.input<typeof historyInput>;

export interface MoodSummary {
  readonly count: number;
  /** Mean of the logged intensities to one decimal, or null when none has one. */
  readonly averageIntensity: number | null;
  readonly mostFrequentMood: string | null;
  readonly mostFrequentTrigger: string | null;
}

export interface MoodHistory {
  readonly days: number;
  readonly entries: readonly MoodLog[];
  readonly summary: MoodSummary;
}

/** The most frequent value; a tie goes to the alphabetically first, so the answer never flickers. */
function mostFrequent(values: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

export function summarizeMoods(entries: readonly MoodLog[]): MoodSummary {
  const intensities = entries.flatMap((e) => (e.intensity === null ? [] : [e.intensity]));
  const average = intensities.length === 0 ? null : Math.round((intensities.reduce((a, b) => a + b, 0) / intensities.length) * 10) / 10;
  return {
    count: entries.length,
    averageIntensity: average,
    mostFrequentMood: mostFrequent(entries.map((e) => e.mood)),
    mostFrequentTrigger: mostFrequent(entries.flatMap((e) => e.triggers)),
  };
}

/** The person's mood logs of the last `days` days (a rolling window ending at the clock), newest first, and a summary. */
export async function moodHistory(deps: CoreDeps, userId: string, input: MoodHistoryInput = {}): Promise<MoodHistory> {
  const { days } = parseInput(historyInput, input);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - days * 86_400_000);
  const rows = await deps.db.prisma.moodTracking.findMany({
    where: { userId, recordedAt: { gte: since, lte: now } },
    orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
  });
  const entries = rows.map(toMoodLog);
  return { days, entries, summary: summarizeMoods(entries) };
}
