/** `journal write|list|prompt`: private entries, read back page by page, and a reflection prompt. */
import { CONTENT_MAX_LENGTH, listJournalEntries, suggestPrompt, writeJournalEntry, type WriteJournalEntryResult } from '../src/core/journal.ts';
import { MOOD_MAX_LENGTH } from '../src/core/mood.ts';
import { localDate } from '../src/core/time.ts';
import { privateReply } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { action, celebrating, commandText, field, formatDay, plural, truncate, withOptionNames } from './format.ts';
import { integer, text } from './options.ts';

/** What the streak did, said kindly: a gap is a welcome back, never a loss. */
function streakLine(result: WriteJournalEntryResult): string {
  const lines: string[] = [];
  if (result.daysProtected > 0) {
    lines.push(`A streak freeze covered the ${plural(result.daysProtected, 'day')} you missed, so your streak carries on at ${result.streakDays} days.`);
  } else if (result.streakDays >= 2) {
    lines.push(`That's ${result.streakDays} days in a row.`);
  } else if (result.longestStreak > 1) {
    lines.push('Welcome back, it is good to see you writing again. Today starts a fresh run.');
  }
  if (result.freezesEarned > 0) {
    lines.push(`You earned ${plural(result.freezesEarned, 'streak freeze')}: a missed day won't undo your streak.`);
  }
  return lines.join(' ');
}

const write = defineLeaf({
  name: 'write',
  description: 'Write a private journal entry',
  options: {
    content: text({ description: 'What happened and how it went', maxLength: CONTENT_MAX_LENGTH, required: true }),
    mood: text({ description: 'How you feel: happy, calm, nervous… or your own words', maxLength: MOOD_MAX_LENGTH, required: true }),
    tags: text({ description: 'A few tags, separated by commas or spaces', maxLength: 400 }),
  },
  textOption: 'content',
  example: 'journal write mood:hopeful I said hi to a neighbour',
  async handler(ctx, { content, mood, tags }) {
    const result = await writeJournalEntry(ctx.deps, ctx.user.id, { content, mood, tags });
    const words = plural(result.entry.wordCount, 'word');
    const text = [`Saved, ${ctx.user.firstName}: ${words}, feeling ${result.entry.mood}. Only you can see it.`, streakLine(result)]
      .filter(Boolean)
      .join('\n');
    return privateReply(text, {
      title: 'Journal entry saved',
      ...(result.entry.tags.length ? { fields: [field('Tags', result.entry.tags.join(', '))] } : {}),
      ...celebrating(result.newAchievements),
    });
  },
});

const list = defineLeaf({
  name: 'list',
  description: 'Read your recent journal entries',
  options: {
    limit: integer({ description: 'How many entries to show (1-25)', min: 1, max: 25 }),
    page: text({ description: 'The page link from the previous page', maxLength: 200 }),
  },
  textOption: 'page',
  example: 'journal list limit:5',
  async handler(ctx, { limit, page }) {
    const result = await withOptionNames({ cursor: 'page' }, () => listJournalEntries(ctx.deps, ctx.user.id, { limit, cursor: page }));
    if (result.entries.length === 0) {
      return privateReply(
        page
          ? "That's all of them: you've reached your very first entry."
          : 'Your journal is empty so far. Start with a sentence: journal write mood:calm Today I…',
        { title: 'Your journal' },
      );
    }
    const tz = ctx.user.settings.timezone;
    const fields = result.entries.map((e) =>
      field(
        `${formatDay(localDate(e.createdAt, tz))} · ${e.mood}`,
        `${truncate(e.content, 300)}${e.tags.length ? `\n#${e.tags.join(' #')}` : ''}`,
      ),
    );
    const more = result.nextCursor;
    return privateReply(`${plural(result.entries.length, 'entry', 'entries')}, newest first.${more ? ' There are older ones too.' : ''}`, {
      title: 'Your journal',
      fields,
      ...(more ? { actions: [action('journal', 'list', more, 'Older entries', commandText('journal', 'list', { page: more }))] } : {}),
    });
  },
});

const prompt = defineLeaf({
  name: 'prompt',
  description: 'Get a reflection prompt to write about',
  options: {},
  example: 'journal prompt',
  async handler(ctx) {
    const suggestion = await suggestPrompt(ctx.deps, ctx.user.id);
    const intro = suggestion.basedOnMood ? `Since you last felt ${suggestion.basedOnMood}, here's something to reflect on:` : "Here's something to reflect on:";
    return privateReply(`${intro}\n\n${suggestion.prompt}\n\nWhen you're ready: journal write mood:<how you feel> <your answer>`, {
      title: 'Reflection prompt',
    });
  },
});

export const journal = defineCommand({
  name: 'journal',
  description: 'Your private journal: write, read back, get a prompt',
  subcommands: [write, list, prompt],
});
