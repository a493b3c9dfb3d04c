/**
 * The offline coach: rule-based replies from the person's own data when there is
 * no model (no key) or the model failed or timed out. Always labelled, always
 * kind, never an error: a reflection question, a mission that fits, and
 * encouragement tied to their actual progress.
 */
import type { ChatMessage } from './provider.ts';
import type { CoachContext } from './context.ts';
import { asksForMission } from './intent.ts';

export const OFFLINE_LABEL = '(Offline coach)';

export interface OfflineMission {
  readonly id: string;
  readonly title: string;
  readonly tips: readonly string[];
}

export type OfflineKind =
  | { readonly kind: 'text' }
  | { readonly kind: 'advice' }
  | { readonly kind: 'greeting' }
  | { readonly kind: 'roleplay'; readonly scenario: string; readonly opening: boolean; readonly turn: number }
  | { readonly kind: 'feedback'; readonly scenario: string; readonly transcript: readonly ChatMessage[] };

export interface OfflineInput {
  readonly context: CoachContext;
  readonly mode: OfflineKind;
  readonly text?: string | undefined;
  readonly mission?: OfflineMission | undefined;
}

/** A small stable number from text, so the same message gets the same question but different ones vary. */
function pick<T>(items: readonly T[], seed: string): T {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return items[h % items.length]!;
}

const HARD_MOODS = /anxious|nervous|worried|stressed|overwhelmed|sad|lonely|down|tired|frustrated|awkward|embarrassed|scared|afraid/i;

const QUESTIONS = [
  'What is one small moment from this week that went a little better than you expected?',
  'If a friend were in your place, what would you gently tell them?',
  'What would make your next conversation feel just 10% easier?',
  'Which part of this feels most within your control right now?',
  'What did you learn about yourself the last time you tried something new?',
];

const GENTLE_QUESTIONS = [
  "What's one small thing that might make today a little lighter?",
  'What helped you the last time you felt this way, even a little?',
  'Who is one person you feel at ease with, and could you reach out to them this week?',
];

/** One or two sentences about what they have actually done; never a loss counter. */
export function encouragement(c: CoachContext): string {
  const parts: string[] = [];
  if (c.recentCompletions.length > 0) {
    parts.push(`You completed "${c.recentCompletions[0]!.title}" recently, and that took real courage.`);
  } else if (c.completedMissions > 0) {
    parts.push(`You've completed ${c.completedMissions} mission${c.completedMissions === 1 ? '' : 's'} so far, and each one counts.`);
  }
  if (c.streak.streakDays >= 2) parts.push(`You've journaled ${c.streak.streakDays} days in a row. That steadiness is progress.`);
  else if (c.journal.entries > 0) parts.push(`You've written ${c.journal.entries} journal entr${c.journal.entries === 1 ? 'y' : 'ies'} this month; reflecting like that builds confidence.`);
  const goal = c.goals[0];
  if (goal && goal.target && goal.current > 0) parts.push(`You're at ${goal.current} of ${goal.target} on "${goal.title}".`);
  if (parts.length === 0) parts.push('Reaching out here is already a step, and small steps are how confidence grows.');
  return parts.slice(0, 2).join(' ');
}

function missionLine(mission: OfflineMission | undefined, c: CoachContext, next = false): string {
  const active = c.activeMissions[0];
  if (active && (!mission || mission.id === active.id)) {
    return `You have "${active.title}" on the go. What would make the first step small enough to try${next ? ' next' : ' today'}?`;
  }
  if (mission) return next ? `When you're ready for a next step, "${mission.title}" builds on this.` : `If you'd like a small step to try, "${mission.title}" fits what you described.`;
  return '';
}

const GENERIC_TIPS = [
  'Start small: one short, friendly exchange counts as a win.',
  'Prepare one open question (what, how or tell me about…) before you go in.',
  'Afterwards, note one thing that went well before you look for what to improve.',
];

const SCENE_LINES = [
  "Oh, nice! Tell me a bit more about that.",
  'Ha, I know what you mean. How did you end up here today?',
  "That's interesting. What got you into it?",
  'Good question! What about you, what are you up to this week?',
];

function feedbackLines(transcript: readonly ChatMessage[]): string[] {
  const mine = transcript.filter((m) => m.role === 'user').map((m) => m.content.trim()).filter(Boolean);
  const questions = mine.filter((t) => t.includes('?')).length;
  const lines: string[] = [];
  if (mine.length === 0) {
    lines.push("We didn't get far into the scene, and that's completely fine. Starting is the hardest part, and you did that.");
    lines.push('Next time, try answering with one sentence about yourself and one question back.');
    return lines;
  }
  lines.push(`You stayed in the conversation for ${mine.length} turn${mine.length === 1 ? '' : 's'}, which is exactly the practice that builds ease.`);
  if (questions > 0) lines.push(`You asked ${questions} question${questions === 1 ? '' : 's'}, which shows interest and keeps things flowing.`);
  else lines.push('Next time, try adding one open question (what or how) to hand the conversation back.');
  const average = mine.reduce((sum, t) => sum + t.length, 0) / mine.length;
  if (average < 25) lines.push('Your replies were short; adding one detail about yourself gives the other person something to pick up.');
  else lines.push('You shared details about yourself, which gives the other person something to connect with.');
  return lines;
}


/** What a chat message is about, for the offline coach to answer to the point. */
export type OfflineTopic = 'greeting' | 'win' | 'dating' | 'lonely' | 'event' | 'work' | 'conversation' | 'general';

const GREETING = /^\s*(hi|hey|hello|hiya|yo|good (morning|afternoon|evening)|howdy|hola)( there| coach)?[\s!.,?]*$/i;
const WIN =
  /\b(i did it|did it!|went (really |so |pretty )?(well|great|fine|ok|okay|better)|i managed|managed to|proud of myself|i finally|nailed it|it worked|i actually (did|said|went|talked|asked|spoke|made)|i (spoke up|asked|said (hi|hello)|talked to|went to|introduced myself|invited|made plans|joined))\b/i;
const SETBACK = /\b(but|awkward|badly|wrong|embarrass\w*|failed|froze|nervous|anxious|scared|afraid|worried|can'?t|couldn'?t|didn'?t|never|want to|going to|how (do|can|should) i)\b/i;
const TOPIC_WORDS: ReadonlyArray<readonly [OfflineTopic, RegExp]> = [
  ['dating', /\b(date|dates|dating|crush|ask(ing)? (him|her|them|someone) out|boyfriend|girlfriend|partner|romantic|tinder|hinge|bumble)\b/i],
  ['lonely', /\b(lonely|loneliness|alone|isolated|no friends|no one to talk|nobody (to talk|talks|cares)|left out|on my own)\b/i],
  ['event', /\b(party|parties|wedding|events?|meetups?|gathering|concert|festival|barbecue|bbq|reunion|birthday|housewarming|dinner)\b/i],
  ['work', /\b(work|colleagues?|co-?workers?|boss|manager|meetings?|office|team|job|interview|standup|presentation|lunch)\b/i],
  ['conversation', /\b(small talk|conversations?|what to say|talk(ing)? to|chat(ting)?|strangers?|neighbou?rs?|awkward silence|run out of things)\b/i],
];

export function offlineTopic(text: string): OfflineTopic {
  if (GREETING.test(text)) return 'greeting';
  if (WIN.test(text) && !SETBACK.test(text.replace(/\bi did it\b/gi, ''))) return 'win';
  for (const [topic, words] of TOPIC_WORDS) if (words.test(text)) return topic;
  return 'general';
}

const WHEN = /\b(tonight|tomorrow|this weekend|next week|(?:on |this |next )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i;

/** " on Saturday", " tomorrow": when they named a day; else empty. */
function when(text: string): string {
  const m = WHEN.exec(text);
  if (!m) return '';
  return m[2] ? ` on ${m[2].charAt(0).toUpperCase()}${m[2].slice(1).toLowerCase()}` : ` ${m[1]!.toLowerCase()}`;
}

/** One sentence tying the reply to what they have actually done: an active goal, their latest mission, their streak. Never a loss counter. */
function progressLine(c: CoachContext, topic: OfflineTopic): string {
  const goal = c.goals[0];
  const last = c.recentCompletions[0];
  if (topic === 'win' && goal) {
    return `That's real movement on your goal "${goal.title}".`;
  }
  if (last) return `You've already done "${last.title}", so you know you can do hard things.`;
  if (c.streak.streakDays >= 2) return `You've journaled ${c.streak.streakDays} days in a row, and that steadiness is building something.`;
  if (goal) return goal.target && goal.current > 0 ? `You're at ${goal.current} of ${goal.target} on "${goal.title}".` : `This connects to your goal "${goal.title}".`;
  if (c.completedMissions > 0) return `You've completed ${c.completedMissions} mission${c.completedMissions === 1 ? '' : 's'} so far, and each one counts.`;
  return '';
}

const TOPIC_REPLIES: Readonly<Record<Exclude<OfflineTopic, 'greeting'>, { ack: (day: string) => string; idea: string; questions: readonly string[] }>> = {
  win: {
    ack: () => "That's brilliant. You did the thing, and that's exactly how confidence grows.",
    idea: 'Take a moment to notice what helped you do it; that part is yours to use again.',
    questions: ['What was the moment just before you did it like, and what got you through it?', 'What went better than you expected?'],
  },
  dating: {
    ack: (day) => `Feeling nervous about a date${day} is completely normal; it mostly means it matters to you.`,
    idea: 'It can help to have two or three easy questions ready (what they enjoy doing, a place they loved) and to treat it as getting to know someone, not a test.',
    questions: ['What part of it feels most nerve-racking right now?', 'What would a good first few minutes look like for you?'],
  },
  lonely: {
    ack: () => "Feeling lonely is hard, and I'm glad you said it out loud here.",
    idea: 'Connection often starts very small: one message to someone you used to enjoy talking with, or going somewhere you can be around people without pressure.',
    questions: ['Who is one person you could send a short hello to this week?', 'When did you last feel a bit more connected, and what was happening then?'],
  },
  event: {
    ack: (day) => `It makes sense to feel nervous about a social event${day}.`,
    idea: "One thing that helps: plan your first five minutes. Arrive a little early while it's quieter, find the host or one friendly face, and have one easy question ready, like how they know everyone.",
    questions: ['Who do you expect to know there, even a little?', 'What would make it feel like a win for you, even a small one?'],
  },
  work: {
    ack: () => 'Work relationships can feel tricky, because you see the same people every day.',
    idea: "A low-pressure start is one small, regular moment: a question about someone's weekend, or joining the coffee or lunch run once this week.",
    questions: ['Who at work feels easiest to talk to, even a little?', 'Which moment in your work week would be the easiest place to try this?'],
  },
  conversation: {
    ack: () => 'Conversations like that are a skill, not a personality trait, and skills get easier with practice.',
    idea: 'A simple pattern: ask an open question (what or how), listen for one detail, then follow that detail with another question or a bit about yourself.',
    questions: ['Who is one person you could try that with this week?', 'Where do conversations usually stall for you?'],
  },
  general: {
    ack: () => "Thank you for telling me; I'm glad you're working on this.",
    idea: '',
    questions: QUESTIONS,
  },
};

/** The offline chat reply: what they said, one concrete idea, their own progress, perhaps a mission, one question. */
function textReply(c: CoachContext, text: string, mission: OfflineMission | undefined, seed: string, struggling: boolean): string[] {
  const topic = offlineTopic(text);
  if (topic === 'greeting') {
    const progress = progressLine(c, topic);
    return [`${OFFLINE_LABEL} Hi ${c.firstName}, good to hear from you.`, ...(progress ? [progress] : []), 'What would you like to work on today: a conversation to practise, a mission, or how today went?'];
  }
  const t = TOPIC_REPLIES[topic];
  const parts = [`${OFFLINE_LABEL} ${topic === 'general' && asksForMission(text) ? "Happy to help you pick something." : t.ack(when(text))}`];
  if (t.idea) parts.push(t.idea);
  const progress = progressLine(c, topic);
  if (progress) parts.push(progress);
  if (topic !== 'dating') {
    const line = missionLine(mission, c, topic === 'win');
    if (line) parts.push(line);
  }
  const questions = topic === 'general' && struggling ? GENTLE_QUESTIONS : t.questions;
  // The mission line may end with a question already: one question per reply.
  if (!parts.at(-1)!.endsWith('?')) parts.push(pick(questions, seed));
  return parts;
}

/** The offline coach's reply: labelled, kind, from the person's own data. */
export function offlineReply(input: OfflineInput): string {
  const c = input.context;
  const seed = `${input.text ?? ''}|${c.today}`;
  const lastMood = c.moods[0]?.mood ?? '';
  const struggling = HARD_MOODS.test(`${input.text ?? ''} ${lastMood}`);
  const mode = input.mode;
  const parts: string[] = [];
  switch (mode.kind) {
    case 'greeting':
      parts.push(`${OFFLINE_LABEL} Hi ${c.firstName}! I'm answering from your own progress right now rather than the full AI coach, but I'm glad you're here.`);
      parts.push(encouragement(c));
      parts.push('What would you like to work on today: a conversation to practise, this week\'s mission, or how today went?');
      break;
    case 'roleplay':
      if (mode.opening) {
        parts.push(`${OFFLINE_LABEL} Let's practise: ${mode.scenario}. I'll play the other person, keeping my lines simple while I'm offline. Say "how did I do?" whenever you want feedback.`);
        parts.push('"Hi! I don\'t think we\'ve met yet. How\'s your day going?"');
      } else {
        parts.push(`${OFFLINE_LABEL} "${SCENE_LINES[mode.turn % SCENE_LINES.length]}"`);
      }
      break;
    case 'feedback':
      parts.push(`${OFFLINE_LABEL} Nice work practising that. Here is what I noticed:`);
      parts.push(...feedbackLines(mode.transcript).map((l) => `• ${l}`));
      if (input.mission) parts.push(`When you feel ready to try it for real, "${input.mission.title}" is a good next step.`);
      break;
    case 'advice': {
      const tips = (input.mission?.tips.length ? input.mission.tips : GENERIC_TIPS).slice(0, 3);
      parts.push(`${OFFLINE_LABEL} Here are a few tips${input.mission ? ` (from the mission "${input.mission.title}")` : ''}:`);
      parts.push(...tips.map((t, i) => `${i + 1}. ${t}`));
      parts.push(encouragement(c));
      break;
    }
    case 'text':
      parts.push(...textReply(c, input.text ?? '', input.mission, seed, struggling));
      break;
  }
  return parts.join(mode.kind === 'advice' || mode.kind === 'feedback' ? '\n' : ' ');
}

/** What is appended when the model stopped partway through a reply. */
export function offlineContinuation(input: OfflineInput): string {
  const mission = missionLine(input.mission, input.context);
  return `\n\n${OFFLINE_LABEL} I lost my connection partway through, sorry about that. ${encouragement(input.context)}${mission ? ` ${mission}` : ''}`;
}

/**
 * A short third-person summary without the model: what kind of conversation it
 * was and roughly what about, never quoting what was said.
 */
export function ruleSummary(input: {
  readonly userMessages: number;
  readonly types: readonly string[];
  readonly scenarios: readonly string[];
  readonly categories: readonly string[];
  readonly missions: readonly string[];
}): string {
  if (input.userMessages === 0) return 'They opened a conversation with the coach but did not write anything yet.';
  const parts: string[] = [];
  const topics = [...new Set(input.categories)].map((c) => c.replace(/_/g, ' '));
  parts.push(`They sent the coach ${input.userMessages} message${input.userMessages === 1 ? '' : 's'}${topics.length ? ` about ${topics.slice(0, 3).join(', ')}` : ''}.`);
  if (input.scenarios.length) {
    const scenario = input.scenarios[0]!.length > 80 ? `${input.scenarios[0]!.slice(0, 77)}…` : input.scenarios[0]!;
    parts.push(`They practised a role-play (${scenario}).`);
  }
  if (input.types.includes('advice')) parts.push('They asked for tips.');
  if (input.missions.length) parts.push(`The coach suggested the mission "${input.missions[0]}".`);
  return parts.join(' ');
}
