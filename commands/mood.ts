/** `mood log|history`: how someone feels, and a gentle look back. */
import { logMood, MOOD_MAX_LENGTH, moodHistory } from '../src/core/mood.ts';
import { moodGroupOf } from '../src/core/reflection-prompts.ts';
import { localDate } from '../src/core/time.ts';
import { privateReply } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { action, celebrating, commandText, field, formatDay, plural, truncate } from './format.ts';
import { integer, text } from './options.ts';

/** A word that fits the feeling: gladness for a good one, company for a hard one. */
function response(mood: string): string {
  switch (moodGroupOf(mood)) {
    case 'positive':
      return 'Lovely. Noticing the good moments helps you find them again.';
    case 'anxious':
      return 'Thanks for naming it; that is already a step. Nerves often mean you are about to do something that matters.';
    case 'low':
      return "Thank you for telling me. Feelings like this pass, and you don't have to carry them alone.";
    case 'drained':
      return 'Noted. Be gentle with yourself today; rest counts as progress too.';
    default:
      return 'Noted. Checking in with yourself like this is a good habit.';
  }
}

const log = defineLeaf({
  name: 'log',
  description: 'Log how you feel right now',
  options: {
    mood: text({ description: 'How you feel: happy, calm, nervous… or your own words', maxLength: MOOD_MAX_LENGTH, required: true }),
    intensity: integer({ description: 'How strongly, 1 (barely) to 10 (very)', min: 1, max: 10, required: true }),
    context: text({ description: "What's going on", maxLength: 1000 }),
    triggers: text({ description: 'What set it off, separated by commas', maxLength: 400 }),
  },
  textOption: 'context',
  example: 'mood log mood:nervous intensity:6 triggers:"work call" Big meeting tomorrow',
  async handler(ctx, { mood, intensity, context, triggers }) {
    const { entry, newAchievements } = await logMood(ctx.deps, ctx.user.id, { mood, intensity, context, triggers });
    const group = moodGroupOf(entry.mood);
    const hard = group === 'anxious' || group === 'low' || group === 'drained';
    return privateReply(`Logged: ${entry.mood}, ${entry.intensity}/10. ${response(entry.mood)}`, {
      title: 'Mood logged',
      ...(entry.triggers.length ? { fields: [field('Triggers', entry.triggers.join(', '))] } : {}),
      ...(hard ? { actions: [action('journal', 'prompt', 'mood', 'Reflect on it', commandText('journal', 'prompt'))] } : {}),
      ...celebrating(newAchievements),
    });
  },
});

const history = defineLeaf({
  name: 'history',
  description: 'Your moods over the last days',
  options: { days: integer({ description: 'How many days to look back (default 30)', min: 1, max: 365 }) },
  example: 'mood history days:7',
  async handler(ctx, { days }) {
    const result = await moodHistory(ctx.deps, ctx.user.id, { days });
    const span = plural(result.days, 'day');
    if (result.entries.length === 0) {
      return privateReply(`No moods logged in the last ${span}. Whenever you like: mood log mood:calm intensity:5`, { title: 'Mood history' });
    }
    const s = result.summary;
    const lines = [
      `${plural(s.count, 'mood log')} in the last ${span}.`,
      s.mostFrequentMood ? `Most often: ${s.mostFrequentMood}.` : '',
      s.averageIntensity !== null ? `Average intensity: ${s.averageIntensity}/10.` : '',
      s.mostFrequentTrigger ? `Most common trigger: ${s.mostFrequentTrigger}.` : '',
    ];
    const tz = ctx.user.settings.timezone;
    const fields = result.entries
      .slice(0, 10)
      .map((e) =>
        field(
          `${formatDay(localDate(e.recordedAt, tz))} · ${e.mood}${e.intensity !== null ? ` ${e.intensity}/10` : ''}`,
          [e.triggers.length ? `Triggers: ${e.triggers.join(', ')}` : '', e.context ? truncate(e.context, 200) : ''].filter(Boolean).join('\n') || '—',
        ),
      );
    return privateReply(lines.filter(Boolean).join(' '), { title: 'Mood history', fields });
  },
});

export const mood = defineCommand({
  name: 'mood',
  description: 'Log how you feel and look back at your moods',
  subcommands: [log, history],
});
