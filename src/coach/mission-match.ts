/**
 * A catalog mission that fits what the person said: one in the category their
 * words point at (gentlest first, not already done or on their list, best title
 * match), or the general next suggestion when they asked for something to try.
 */
import type { CoreDeps } from '../core/deps.ts';
import { suggestMission } from '../core/missions.ts';
import type { CoachContext } from './context.ts';
import { categoryFor, keywords } from './intent.ts';
import type { OfflineMission } from './offline.ts';

/** Difficulties offered first for a confidence level, as suggestions do. */
function difficultyRank(difficulty: string, confidence: number, completed: number): number {
  const order = confidence >= 7 && completed >= 3 ? ['intermediate', 'advanced', 'beginner'] : ['beginner', 'intermediate', 'advanced'];
  const i = order.indexOf(difficulty);
  return i < 0 ? 9 : i;
}

export interface MissionCandidate {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly difficulty: string;
  readonly tips: string[] | null;
}

/**
 * The catalog missions in the category `text` points at that the person has not
 * done or taken on; no query (and none) when it points at no category. It needs
 * no context, so a turn reads it alongside everything else.
 */
export async function missionCandidates(deps: CoreDeps, userId: string, text: string): Promise<MissionCandidate[]> {
  const category = categoryFor(text);
  if (!category) return [];
  return deps.db.prisma.$queryRaw<MissionCandidate[]>`
    SELECT m.id::text AS id, m.title, m.description, m.difficulty, m.tips
      FROM missions m
      LEFT JOIN user_missions um ON um.mission_id = m.id AND um.user_id = ${userId}::uuid
     WHERE m.is_active IS NOT FALSE AND m.category = ${category} AND (um.status IS NULL OR um.status = 'skipped')`;
}

export async function matchMission(
  deps: CoreDeps,
  userId: string,
  context: CoachContext,
  text: string,
  { fallbackToSuggestion, candidates }: { fallbackToSuggestion: boolean; candidates?: Promise<MissionCandidate[]> | undefined },
): Promise<OfflineMission | undefined> {
  const rows = await (candidates ?? missionCandidates(deps, userId, text));
  if (rows.length > 0) {
    const words = keywords(text);
    const score = (r: { title: string; description: string }) => {
      const haystack = `${r.title} ${r.description}`.toLowerCase();
      return words.filter((w) => haystack.includes(w)).length;
    };
    const best = [...rows].sort(
      (a, b) =>
        score(b) - score(a) ||
        difficultyRank(a.difficulty, context.confidenceLevel, context.completedMissions) -
          difficultyRank(b.difficulty, context.confidenceLevel, context.completedMissions) ||
        a.title.localeCompare(b.title),
    )[0]!;
    return { id: best.id, title: best.title, tips: best.tips ?? [] };
  }
  if (!fallbackToSuggestion) return undefined;
  const active = context.activeMissions[0];
  if (active) return { id: active.id, title: active.title, tips: [] };
  const suggestion = await suggestMission(deps, userId);
  return suggestion.mission ? { id: suggestion.mission.id, title: suggestion.mission.title, tips: suggestion.mission.tips } : undefined;
}
