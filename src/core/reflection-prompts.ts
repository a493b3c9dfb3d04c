/**
 * Reflection prompts for journaling, each tagged with the moods it suits, and the
 * rules for picking one: fit the person's last mood, and do not repeat a prompt
 * they answered recently.
 */

/** Moods that call for the same kind of question. `any` prompts suit every mood, or none known. */
export type MoodGroup = 'positive' | 'anxious' | 'low' | 'drained' | 'any';

export interface ReflectionPrompt {
  readonly text: string;
  readonly groups: readonly MoodGroup[];
}

/** `journal_entries.reflection_prompt` is VARCHAR(500). */
export const PROMPT_MAX_LENGTH = 500;

const prompt = (groups: MoodGroup[], text: string): ReflectionPrompt => ({ text, groups });

export const REFLECTION_PROMPTS: readonly ReflectionPrompt[] = [
  // Good days: notice what made them, so it can be found again.
  prompt(['positive'], 'What happened today that you would like to remember a year from now? Describe it as if you were telling a friend.'),
  prompt(['positive'], 'Who was part of a good moment today? What did they say or do, and what did you say back?'),
  prompt(['positive'], 'What did you do today that the you of six months ago might have found hard? How did you manage it?'),
  prompt(['positive'], 'Name three small things that went right today, however ordinary they seem.'),
  prompt(['positive'], 'Which conversation today left you feeling lighter afterwards? What made it flow?'),
  prompt(['positive'], 'You are feeling good: what is one social step you could take tomorrow while you have this energy?'),
  prompt(['positive'], 'Who would you like to thank for something lately? Write the message you might send them.'),
  prompt(['positive'], 'What strength of yours showed up today? Write down the moment you noticed it.'),
  prompt(['positive'], 'Think of a moment today when you felt at ease with someone. Where were you, and what helped you relax?'),

  // Nervous or anxious: make the worry concrete and smaller, and find one next step.
  prompt(['anxious'], 'What exactly is on your mind right now? Write the worry down in one sentence, then write what you would tell a friend who had it.'),
  prompt(['anxious'], 'Think of a situation you are nervous about. What is the most likely way it goes, not the worst way?'),
  prompt(['anxious'], 'When have you felt nervous before and it turned out fine? What helped you through it that time?'),
  prompt(['anxious'], 'Where do you feel the nerves in your body right now? Describe it, then take three slow breaths and write what changed.'),
  prompt(['anxious'], 'What is one tiny, low-pressure step you could take towards the thing that worries you? Keep it small enough to feel doable.'),
  prompt(['anxious'], 'If the conversation you are dreading went well, what would the first minute sound like? Write a few opening lines you could use.'),
  prompt(['anxious'], 'Which parts of what is worrying you are in your control, and which are not? Make two short lists.'),
  prompt(['anxious'], 'What would you do differently today if you trusted that people are kinder than your worries say?'),
  prompt(['anxious', 'drained'], 'What is one thing you can let be "good enough" today instead of perfect?'),

  // Sad or lonely: gentleness first, then a small thread of connection.
  prompt(['low'], 'What is weighing on you today? You do not have to fix it here; just put it into words.'),
  prompt(['low'], 'Who is someone you felt close to at some point, even briefly? What would you like to say to them now?'),
  prompt(['low'], 'What would you say to a friend who felt the way you feel today? Now write it to yourself.'),
  prompt(['low'], 'Describe a place where you have felt a sense of belonging. What made it feel that way?'),
  prompt(['low'], 'What is one small comfort you could give yourself in the next hour?'),
  prompt(['low'], 'Was there a brief moment of connection today, even a smile or a short chat with a stranger? Describe it.'),
  prompt(['low'], 'Who could you send a short "thinking of you" message to this week? What would you write?'),
  prompt(['low'], 'What has helped, even a little, the last time you felt low? Which of those could you try today?'),
  prompt(['low', 'drained'], 'What is one thing, however small, that went okay today?'),

  // Tired, overwhelmed or frustrated: lighten the load and name what was hard.
  prompt(['drained'], 'What took the most energy out of you today? Write it down so you can set it aside for tonight.'),
  prompt(['drained'], 'If you could take one thing off your plate this week, what would it be? What would it take to ask for that?'),
  prompt(['drained'], 'What does rest look like for you right now: quiet time alone, or easy company? Plan a little of it.'),
  prompt(['drained'], 'What is frustrating you right now? Describe it plainly, then write what you need that you are not getting.'),
  prompt(['drained'], 'List everything on your mind, then circle just one thing to do tomorrow. The rest can wait.'),
  prompt(['drained'], 'When did you last say no to something so you could look after yourself? How did it feel?'),
  prompt(['drained'], 'Who could share some of the weight with you this week, even just by listening?'),
  prompt(['drained'], 'Write down one thing you handled today despite being worn out. That counts.'),

  // Any mood: everyday reflection on connection and growth.
  prompt(['any'], 'Describe one conversation you had today. What did you learn about the other person?'),
  prompt(['any'], 'What is one social situation you would like to feel more comfortable in? What would comfortable look like there?'),
  prompt(['any'], 'Who did you notice today, even in passing? What might you say to them next time?'),
  prompt(['any'], 'What is a question you love being asked? Could you ask someone else that question this week?'),
  prompt(['any'], 'Think about the people you spent time with this week. Who gave you energy, and who took it?'),
  prompt(['any'], 'What is one thing about yourself you would like new people to know? How might you share it?'),
  prompt(['any'], 'What small social risk did you take recently, and what happened?'),
  prompt(['any'], 'How are you, really? Take a minute and write whatever comes up.'),
  prompt(['any'], 'What kind of friend do you want to be? Name one thing you already do that fits that picture.'),
  prompt(['any'], 'What would make tomorrow feel like a good day? Name one thing you could do to make it a bit more likely.'),
];

const GROUP_OF_MOOD: Readonly<Record<string, Exclude<MoodGroup, 'any'>>> = {
  happy: 'positive',
  calm: 'positive',
  hopeful: 'positive',
  proud: 'positive',
  grateful: 'positive',
  excited: 'positive',
  content: 'positive',
  nervous: 'anxious',
  anxious: 'anxious',
  sad: 'low',
  lonely: 'low',
  tired: 'drained',
  frustrated: 'drained',
  overwhelmed: 'drained',
};

/** Word beginnings that place a mood written in someone's own words. */
const STEMS: ReadonlyArray<readonly [string, Exclude<MoodGroup, 'any'>]> = [
  ['happ', 'positive'], ['joy', 'positive'], ['glad', 'positive'], ['great', 'positive'], ['good', 'positive'],
  ['relax', 'positive'], ['peace', 'positive'], ['optimis', 'positive'], ['thank', 'positive'], ['confident', 'positive'],
  ['cheer', 'positive'], ['energi', 'positive'], ['calm', 'positive'], ['hope', 'positive'], ['proud', 'positive'],
  ['grate', 'positive'], ['excit', 'positive'], ['content', 'positive'], ['brave', 'positive'],
  ['nerv', 'anxious'], ['anxi', 'anxious'], ['worr', 'anxious'], ['scare', 'anxious'], ['afraid', 'anxious'],
  ['panic', 'anxious'], ['uneasy', 'anxious'], ['shy', 'anxious'], ['awkward', 'anxious'], ['tense', 'anxious'],
  ['jitter', 'anxious'], ['on edge', 'anxious'], ['self-conscious', 'anxious'],
  ['sad', 'low'], ['lonel', 'low'], ['alone', 'low'], ['down', 'low'], ['blue', 'low'], ['unhapp', 'low'],
  ['isolat', 'low'], ['hurt', 'low'], ['upset', 'low'], ['disappoint', 'low'], ['empty', 'low'], ['depress', 'low'],
  ['grie', 'low'], ['heartbro', 'low'], ['left out', 'low'],
  ['tired', 'drained'], ['exhaust', 'drained'], ['drain', 'drained'], ['burn', 'drained'], ['overwhelm', 'drained'],
  ['frustrat', 'drained'], ['angry', 'drained'], ['annoy', 'drained'], ['irritat', 'drained'], ['sleepy', 'drained'],
  ['stress', 'drained'], ['worn', 'drained'], ['fed up', 'drained'], ['weary', 'drained'],
  // Longer stems win where they overlap a shorter one ("hopeless" is not "hope").
  ['hopeless', 'low'], ['helpless', 'low'], ['worthless', 'low'], ['restless', 'anxious'], ['unmotivat', 'drained'],
  ['discourag', 'low'], ['insecure', 'anxious'],
];

const STEMS_LONGEST_FIRST = [...STEMS].sort((a, b) => b[0].length - a[0].length);

const NEGATION = /\b(not|no|never|nor|hardly|isn't|wasn't|don't|didn't)\b|n't\b/;

/**
 * The group of a (normalised) mood, or null when it is unknown or its words are
 * ambiguous ("not happy" is no place for a cheerful question).
 */
export function moodGroupOf(mood: string | null | undefined): Exclude<MoodGroup, 'any'> | null {
  if (!mood) return null;
  const text = mood.trim().toLowerCase();
  const known = GROUP_OF_MOOD[text];
  if (known) return known;
  if (NEGATION.test(text)) return null;
  const claimed = new Set<number>();
  const groups = new Set<MoodGroup>();
  for (const [stem, group] of STEMS_LONGEST_FIRST) {
    for (let at = text.indexOf(stem); at !== -1; at = text.indexOf(stem, at + 1)) {
      const startsWord = at === 0 || !/[a-z]/.test(text[at - 1]!);
      if (!startsWord || claimed.has(at)) continue;
      claimed.add(at);
      groups.add(group);
    }
  }
  // Mixed feelings ("excited but nervous") get a general prompt rather than a guess.
  return groups.size === 1 ? ([...groups][0] as Exclude<MoodGroup, 'any'>) : null;
}

/** The prompts that suit `group`. */
export function promptsFor(group: MoodGroup): readonly string[] {
  return REFLECTION_PROMPTS.filter((p) => p.groups.includes(group)).map((p) => p.text);
}

/**
 * A prompt for `group` not among `recent` (the person's latest prompts, newest
 * first). When all of those were used lately, a general one; when even those
 * were, the suitable prompt used longest ago.
 */
export function choosePrompt(group: MoodGroup | null, recent: readonly string[], random: () => number = Math.random): string {
  const used = new Set(recent.map((r) => r.trim()));
  const pick = (pool: readonly string[]) => pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))]!;
  const suitable = promptsFor(group ?? 'any');
  const fresh = suitable.filter((p) => !used.has(p));
  if (fresh.length > 0) return pick(fresh);
  const general = promptsFor('any').filter((p) => !used.has(p));
  if (general.length > 0) return pick(general);
  const lastUse = (p: string) => {
    const index = recent.findIndex((r) => r.trim() === p);
    return index === -1 ? Number.POSITIVE_INFINITY : index;
  };
  return [...suitable].sort((a, b) => lastUse(b) - lastUse(a))[0]!;
}
