/**
 * The grammar of `achievements.requirements`: an object of metric → threshold,
 * every entry of which must be met. A metric is one of the counters below or
 * `<mission category>_missions` (completed missions of that category).
 *
 * @example parseRequirements({ streak_days: 7 }) // [{ metric: 'streak_days', threshold: 7 }]
 */
import { z } from 'zod';

export const COUNTER_METRICS = [
  'journal_entries',
  'streak_days',
  'events_attended',
  'missions_completed',
  'mood_logs',
  'goals_completed',
  'coach_sessions',
] as const;

export type Metric = (typeof COUNTER_METRICS)[number] | { readonly categoryMissions: string };

export interface Requirement {
  readonly metric: Metric;
  readonly threshold: number;
}

const CATEGORY_MISSIONS = /^([a-z][a-z0-9_]*)_missions$/;

const requirementsSchema = z
  .record(z.string(), z.number().int().positive())
  .refine((value) => Object.keys(value).length > 0, 'needs at least one metric');

/** Parses stored requirements; throws a readable error for an unknown metric or a bad threshold. */
export function parseRequirements(value: unknown): Requirement[] {
  const parsed = requirementsSchema.parse(value);
  return Object.entries(parsed).map(([key, threshold]) => {
    if ((COUNTER_METRICS as readonly string[]).includes(key)) {
      return { metric: key as (typeof COUNTER_METRICS)[number], threshold };
    }
    const category = CATEGORY_MISSIONS.exec(key)?.[1];
    if (category === undefined) throw new Error(`unknown achievement metric "${key}"`);
    return { metric: { categoryMissions: category }, threshold };
  });
}
