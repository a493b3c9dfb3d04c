/**
 * What the coach knows about a person, read in one statement, and the prompt
 * built from it within a token budget. Built only for DMs: the coach service is
 * never called for a channel. Journal entries are never copied in; only their
 * themes (tags and moods) are.
 */
import type { CoreDeps } from '../core/deps.ts';
import { STREAK_COLUMNS, STREAK_JOINS, streakStatusFrom, type StreakRow, type StreakStatus } from '../core/streak-freeze.ts';
import { localDate } from '../core/time.ts';
import type { CompanionUser } from '../core/users.ts';
import type { ChatMessage } from './provider.ts';

export interface CoachContext {
  readonly firstName: string;
  readonly confidenceLevel: number;
  readonly today: string;
  /** From `user_profiles.social_goals`. */
  readonly profileGoals: readonly string[];
  /** Active `social_goals` rows. */
  readonly goals: ReadonlyArray<{ readonly title: string; readonly current: number; readonly target: number | null }>;
  /** Context slug → comfort 1-5. */
  readonly comfort: Readonly<Record<string, number>>;
  readonly activeMissions: ReadonlyArray<{ readonly id: string; readonly title: string; readonly category: string; readonly status: string }>;
  readonly recentCompletions: ReadonlyArray<{ readonly title: string; readonly completedAt: string | null }>;
  readonly completedMissions: number;
  /** Newest first, last 14 days. */
  readonly moods: ReadonlyArray<{ readonly mood: string; readonly intensity: number | null }>;
  /** The last 30 days of journaling as themes: most used tags and moods, and how many entries. */
  readonly journal: { readonly entries: number; readonly tags: readonly string[]; readonly moods: readonly string[] };
  readonly streak: StreakStatus;
  /** Summaries of ended conversations, newest first. */
  readonly summaries: readonly string[];
}

interface ContextRow extends StreakRow {
  firstName: string;
  confidence: number | null;
  profile: { social_goals: string[] | null; comfort_levels: unknown } | null;
  goals: Array<{ title: string; current_value: number | null; target_value: number | null }>;
  missions: Array<{ id: string; title: string; category: string; status: string }>;
  completions: Array<{ title: string; completed_at: string | null }>;
  completed: number;
  moods: Array<{ mood: string; intensity: number | null }>;
  journal_count: number;
  tags: Array<{ tag: string }>;
  journal_moods: Array<{ mood: string }>;
  summaries: Array<{ summary: string }>;
}

const DAY_MS = 86_400_000;

function readComfort(value: unknown): Record<string, number> {
  const levels: Record<string, number> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return levels;
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (Number.isFinite(n)) levels[key] = n;
  }
  return levels;
}

/** Everything the coach may use about the person, in one round trip. */
export async function loadCoachContext(deps: CoreDeps, user: CompanionUser, summaryCount = 3): Promise<CoachContext> {
  const now = deps.clock.now();
  const moodSince = new Date(now.getTime() - 14 * DAY_MS);
  const journalSince = new Date(now.getTime() - 30 * DAY_MS);
  const [row] = await deps.db.prisma.$queryRaw<ContextRow[]>`
    SELECT u.first_name AS "firstName", u.confidence_level::float8 AS confidence, ${STREAK_COLUMNS},
      (SELECT jsonb_build_object('social_goals', p.social_goals, 'comfort_levels', p.comfort_levels) FROM user_profiles p
        WHERE p.user_id = u.id ORDER BY p.updated_at DESC NULLS LAST, p.created_at DESC NULLS LAST, p.id DESC LIMIT 1) AS profile,
      (SELECT coalesce(jsonb_agg(g ORDER BY g.created_at DESC NULLS LAST), '[]'::jsonb) FROM (
         SELECT title, current_value, target_value, created_at FROM social_goals
          WHERE user_id = u.id AND status = 'active' ORDER BY created_at DESC NULLS LAST LIMIT 5) g) AS goals,
      (SELECT coalesce(jsonb_agg(x ORDER BY x.since DESC NULLS LAST), '[]'::jsonb) FROM (
         SELECT m.id, m.title, m.category, um.status, COALESCE(um.started_at, um.assigned_at) AS since
           FROM user_missions um JOIN missions m ON m.id = um.mission_id
          WHERE um.user_id = u.id AND um.status IN ('assigned', 'in_progress')
          ORDER BY since DESC NULLS LAST LIMIT 5) x) AS missions,
      (SELECT coalesce(jsonb_agg(x ORDER BY x.completed_at DESC NULLS LAST), '[]'::jsonb) FROM (
         SELECT m.title, um.completed_at FROM user_missions um JOIN missions m ON m.id = um.mission_id
          WHERE um.user_id = u.id AND um.status = 'completed' ORDER BY um.completed_at DESC NULLS LAST LIMIT 3) x) AS completions,
      (SELECT count(*)::int FROM user_missions WHERE user_id = u.id AND status = 'completed') AS completed,
      (SELECT coalesce(jsonb_agg(x ORDER BY x.recorded_at DESC), '[]'::jsonb) FROM (
         SELECT mood, intensity, recorded_at FROM mood_tracking
          WHERE user_id = u.id AND recorded_at >= ${moodSince} ORDER BY recorded_at DESC LIMIT 5) x) AS moods,
      (SELECT count(*)::int FROM journal_entries WHERE user_id = u.id AND created_at >= ${journalSince}) AS journal_count,
      (SELECT coalesce(jsonb_agg(x ORDER BY x.n DESC, x.tag), '[]'::jsonb) FROM (
         SELECT t AS tag, count(*)::int AS n FROM journal_entries j CROSS JOIN LATERAL unnest(j.tags) t
          WHERE j.user_id = u.id AND j.created_at >= ${journalSince} GROUP BY t ORDER BY n DESC, t LIMIT 5) x) AS tags,
      (SELECT coalesce(jsonb_agg(x ORDER BY x.n DESC, x.mood), '[]'::jsonb) FROM (
         SELECT mood, count(*)::int AS n FROM journal_entries
          WHERE user_id = u.id AND created_at >= ${journalSince} GROUP BY mood ORDER BY n DESC, mood LIMIT 3) x) AS journal_moods,
      (SELECT coalesce(jsonb_agg(x ORDER BY x.ended_at DESC), '[]'::jsonb) FROM (
         SELECT session_summary AS summary, ended_at FROM coach_conversations
          WHERE user_id = u.id AND ended_at IS NOT NULL AND session_summary IS NOT NULL AND session_summary <> ''
          ORDER BY ended_at DESC LIMIT ${summaryCount}::int) x) AS summaries
    FROM users u ${STREAK_JOINS}
    WHERE u.id = ${user.id}::uuid`;
  const today = localDate(now, user.settings.timezone);
  if (!row) {
    return {
      firstName: user.firstName,
      confidenceLevel: user.confidenceLevel,
      today,
      profileGoals: [],
      goals: [],
      comfort: {},
      activeMissions: [],
      recentCompletions: [],
      completedMissions: 0,
      moods: [],
      journal: { entries: 0, tags: [], moods: [] },
      streak: streakStatusFrom(undefined, today),
      summaries: [],
    };
  }
  return {
    firstName: row.firstName,
    confidenceLevel: Number(row.confidence ?? 3),
    today,
    profileGoals: row.profile?.social_goals ?? [],
    goals: row.goals.map((g) => ({ title: g.title, current: Number(g.current_value ?? 0), target: g.target_value })),
    comfort: readComfort(row.profile?.comfort_levels),
    activeMissions: row.missions.map((m) => ({ id: m.id, title: m.title, category: m.category, status: m.status })),
    recentCompletions: row.completions.map((c) => ({ title: c.title, completedAt: c.completed_at })),
    completedMissions: row.completed,
    moods: row.moods.map((m) => ({ mood: m.mood, intensity: m.intensity })),
    journal: { entries: row.journal_count, tags: row.tags.map((t) => t.tag), moods: row.journal_moods.map((m) => m.mood) },
    streak: streakStatusFrom(row, today),
    summaries: row.summaries.map((s) => s.summary),
  };
}

/** The usual estimate: about four characters per token, plus a little per message. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function messagesTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
}

const label = (slug: string) => slug.replace(/_/g, ' ');

/**
 * The facts as prompt lines, most important first: later lines are the first
 * dropped when the budget is tight.
 */
export function contextLines(c: CoachContext): string[] {
  const lines: string[] = [`First name: ${c.firstName}.`, `Confidence level: ${c.confidenceLevel} out of 10.`];
  const goals = [...c.goals.map((g) => (g.target ? `${g.title} (${g.current}/${g.target})` : g.title)), ...c.profileGoals];
  if (goals.length) lines.push(`Social goals: ${[...new Set(goals)].slice(0, 8).join('; ')}.`);
  if (c.activeMissions.length) {
    lines.push(`Missions in progress: ${c.activeMissions.map((m) => `${m.title} (${m.status.replace('_', ' ')})`).join('; ')}.`);
  }
  const comfort = Object.entries(c.comfort);
  if (comfort.length) lines.push(`Comfort levels (1 hard, 5 easy): ${comfort.map(([k, v]) => `${label(k)} ${v}`).join(', ')}.`);
  const progress: string[] = [];
  if (c.completedMissions) progress.push(`${c.completedMissions} missions completed`);
  if (c.recentCompletions.length) progress.push(`most recently ${c.recentCompletions.map((r) => r.title).join('; ')}`);
  if (c.streak.streakDays >= 2) progress.push(`a ${c.streak.streakDays}-day journaling streak`);
  if (progress.length) lines.push(`Progress: ${progress.join(', ')}.`);
  if (c.moods.length) lines.push(`Recent moods (newest first): ${c.moods.map((m) => (m.intensity ? `${m.mood} ${m.intensity}/10` : m.mood)).join(', ')}.`);
  if (c.journal.entries) {
    const themes = [c.journal.tags.length ? `tags ${c.journal.tags.join(', ')}` : '', c.journal.moods.length ? `moods ${c.journal.moods.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    lines.push(`Journal in the last 30 days: ${c.journal.entries} entries${themes ? ` (themes: ${themes})` : ''}.`);
  }
  return lines;
}

export type PromptMode =
  | { readonly kind: 'text' }
  | { readonly kind: 'advice' }
  | { readonly kind: 'greeting' }
  | { readonly kind: 'roleplay'; readonly scenario: string; readonly opening: boolean }
  | { readonly kind: 'feedback'; readonly scenario: string };

const BASE = [
  "You are the Extrovertly coach: a warm, supportive social-confidence coach talking privately with one person. You are not a therapist or a doctor: never diagnose, never name disorders or medication, never give medical advice; if something sounds serious, gently suggest talking with someone they trust or a professional.",
  'Be kind, specific and short: usually under 120 words, plain language, at most one question per reply. Celebrate small steps. Never shame, and never guilt anyone about missed days.',
  'Use what you know about them naturally; do not recite it, and do not quote their journal.',
  // The local crisis rules run first, but they miss some indirect wording; the model is the second pair of eyes.
  'If anything they say suggests they might hurt themselves, not want to live, or not be safe, even indirectly or in passing, stop coaching and any role-play: take it seriously, answer with warmth, encourage them to contact a local crisis line or emergency services now and to reach out to someone they trust, and stay with them kindly.',
].join('\n');

function modeInstructions(mode: PromptMode, missionTitle: string | undefined): string {
  const mission = missionTitle ? `\nIf it fits naturally, you may mention the catalog mission "${missionTitle}" as an optional small step.` : '';
  switch (mode.kind) {
    case 'text':
      return mission.trim();
    case 'advice':
      return `They asked for tips. Reply with one short line, then 3 numbered tips that are concrete, small and fit their comfort levels, then one encouraging line.${mission}`;
    case 'greeting':
      return 'They just opened a conversation with you. Greet them by first name in one or two sentences, mention one thing from what you know if it fits, and ask what they would like to work on today.';
    case 'roleplay':
      return [
        `Role-play practice. The situation they described: "${mode.scenario}".`,
        'You play the other person in that situation, not the coach: stay in character, answer in 1 to 3 natural sentences, be realistic but friendly, and give no advice while in character.',
        mode.opening ? 'Open the scene now with your first line as that person.' : 'Continue the scene from their last line.',
      ].join('\n');
    case 'feedback':
      return [
        `The role-play practice is over (the situation: "${mode.scenario}"). Step out of the role.`,
        'Give kind, specific feedback on their part: two things they did well, pointing at what they actually said; one small thing to try next time; one encouraging line. Under 120 words.',
        mission.trim(),
      ]
        .filter(Boolean)
        .join('\n');
  }
}

export interface PromptInput {
  readonly context: CoachContext;
  readonly mode: PromptMode;
  /** The current conversation before this turn, oldest first. */
  readonly history: readonly ChatMessage[];
  /** This turn's message; absent for a greeting or a scene's opening line. */
  readonly userText?: string | undefined;
  readonly missionTitle?: string | undefined;
  /** Most tokens the prompt may use (estimated). */
  readonly budgetTokens: number;
}

export interface BuiltPrompt {
  readonly messages: ChatMessage[];
  readonly estimatedTokens: number;
  /** History messages left out to stay within the budget. */
  readonly droppedHistory: number;
}

/**
 * The messages for the model: the system prompt (who the coach is, what it knows,
 * earlier summaries, what this turn is), the conversation so far and the new
 * message. Over budget, the oldest history goes first, then the oldest summaries,
 * then the least important facts; the new message is shortened last of all.
 */
export function buildPrompt(input: PromptInput): BuiltPrompt {
  const facts = contextLines(input.context);
  const summaries = [...input.context.summaries];
  const history = [...input.history];
  const instructions = modeInstructions(input.mode, input.missionTitle);
  let userText = input.userText;

  const system = () =>
    [
      BASE,
      `What you know about ${input.context.firstName}:\n${facts.map((f) => `- ${f}`).join('\n')}`,
      summaries.length ? `Earlier conversations (newest first):\n${summaries.map((s) => `- ${s}`).join('\n')}` : '',
      instructions,
    ]
      .filter(Boolean)
      .join('\n\n');
  const assemble = (): ChatMessage[] => [
    { role: 'system', content: system() },
    ...history,
    ...(userText !== undefined ? [{ role: 'user' as const, content: userText }] : []),
  ];

  let dropped = 0;
  let messages = assemble();
  while (messagesTokens(messages) > input.budgetTokens) {
    if (history.length > 0) {
      history.shift();
      dropped += 1;
    } else if (summaries.length > 0) {
      summaries.pop();
    } else if (facts.length > 2) {
      facts.pop();
    } else if (userText !== undefined && userText.length > 200) {
      const over = (messagesTokens(messages) - input.budgetTokens) * 4;
      userText = `${userText.slice(0, Math.max(200, userText.length - over - 16))} …`;
    } else {
      break;
    }
    messages = assemble();
  }
  return { messages, estimatedTokens: messagesTokens(messages), droppedHistory: dropped };
}

/** The prompt that asks for a session summary. */
export function summaryPrompt(transcript: readonly ChatMessage[], budgetTokens: number): ChatMessage[] {
  const lines = transcript.map((m) => `${m.role === 'user' ? 'Person' : 'Coach'}: ${m.content}`);
  while (lines.length > 1 && estimateTokens(lines.join('\n')) > budgetTokens) lines.shift();
  return [
    {
      role: 'system',
      content:
        "Summarise this coaching conversation for the coach's memory in at most two short sentences, in the third person (\"They …\"): the topics, what they practised or planned, and any progress. No quotations, no names of other people, no sensitive personal details, no diagnosis.",
    },
    { role: 'user', content: lines.join('\n') },
  ];
}
