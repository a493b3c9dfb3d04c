/** `profile show|set`: bio, interests, social goals and how comfortable each context feels. */
import { UserError } from '../src/core/errors.ts';
import { getProfile, updateProfile, type Profile, type ProfileUpdate } from '../src/core/profile.ts';
import { privateReply, type ReplyField } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { field, withOptionNames } from './format.ts';
import { text } from './options.ts';

/** Service field names → the option names people type. */
const OPTION_NAMES = { socialGoals: 'goals', comfortLevels: 'comfort' } as const;
const COMFORT_FORMAT = 'comfort: write it like "events:2, conversation:4", each from 1 (hard) to 5 (easy), or "events:off" to remove one';
const REMOVE = new Set(['off', 'none', 'remove', '-']);

/** "events:2, conversation:4" → { events: 2, conversation: 4 }; "events:off" removes a context. */
export function parseComfort(input: string): Record<string, number | null> {
  const levels: Record<string, number | null> = {};
  for (const part of input.split(/[,;\n]+/)) {
    if (part.trim() === '') continue;
    const match = /^\s*([^:=]+?)\s*[:=]\s*(\S+)\s*$/.exec(part);
    if (!match) throw new UserError('invalid_input', COMFORT_FORMAT);
    const [, context, raw] = match as unknown as [string, string, string];
    const value = raw.toLowerCase();
    if (REMOVE.has(value)) {
      levels[context] = null;
      continue;
    }
    const level = Number(value);
    if (!Number.isInteger(level) || level < 1 || level > 5) throw new UserError('invalid_input', COMFORT_FORMAT);
    levels[context] = level;
  }
  if (Object.keys(levels).length === 0) throw new UserError('invalid_input', COMFORT_FORMAT);
  return levels;
}

function splitList(input: string, separators: RegExp): string[] {
  return input
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

function profileFields(p: Profile): ReplyField[] {
  const comfort = Object.entries(p.comfortLevels)
    .map(([context, level]) => `${context.replace(/_/g, ' ')} ${level}/5`)
    .join(', ');
  return [
    field('Bio', p.bio ?? 'Not written yet'),
    field('Interests', p.interests.length ? p.interests.join(', ') : 'None yet'),
    field('Social goals', p.socialGoals.length ? p.socialGoals.map((g) => `• ${g}`).join('\n') : 'None yet'),
    field('Comfort (1 hard, 5 easy)', comfort || 'Not set yet'),
    field('Confidence', `${p.confidenceLevel}/10`, true),
  ];
}

const show = defineLeaf({
  name: 'show',
  description: 'See your profile',
  options: {},
  example: 'profile show',
  async handler(ctx) {
    const p = await getProfile(ctx.deps, ctx.user.id);
    const empty = !p.bio && p.interests.length === 0 && p.socialGoals.length === 0 && Object.keys(p.comfortLevels).length === 0;
    const text = empty
      ? 'Your profile is a blank page. Fill in what you like, for example: profile set interests:"board games, hiking" comfort:"events:2, conversation:3"'
      : 'Only you can see this. Comfort levels help me pick missions that fit.';
    return privateReply(text, { title: `${p.firstName}'s profile`, fields: profileFields(p) });
  },
});

const set = defineLeaf({
  name: 'set',
  description: 'Change your bio, interests, social goals or comfort levels',
  options: {
    bio: text({ description: 'A few words about you', maxLength: 1000 }),
    interests: text({ description: 'Interests, separated by commas', maxLength: 1000 }),
    goals: text({ description: 'Social goals, separated by semicolons or commas', maxLength: 2000 }),
    comfort: text({ description: 'Comfort per context 1-5, like "events:2, conversation:4"', maxLength: 500 }),
  },
  textOption: 'bio',
  example: 'profile set interests:"board games, hiking" comfort:"events:2, conversation:4" I like quiet cafes',
  async handler(ctx, { bio, interests, goals, comfort }) {
    const change: ProfileUpdate = {};
    if (bio !== undefined) change.bio = bio;
    if (interests !== undefined) change.interests = splitList(interests, /[,;\n]+/);
    // Goals are sentences that may hold commas, so semicolons win when there are any.
    if (goals !== undefined) change.socialGoals = splitList(goals, goals.includes(';') ? /[;\n]+/ : /[,\n]+/);
    if (comfort !== undefined) change.comfortLevels = parseComfort(comfort);
    if (Object.keys(change).length === 0) {
      throw new UserError('invalid_input', 'Tell me what to change: bio, interests, goals or comfort. For example: profile set interests:"board games, hiking"');
    }
    const updated = await withOptionNames(OPTION_NAMES, () => updateProfile(ctx.deps, ctx.user.id, change));
    return privateReply('Saved. Thank you for sharing a bit more about yourself.', { title: 'Profile updated', fields: profileFields(updated) });
  },
});

export const profile = defineCommand({
  name: 'profile',
  description: 'Your profile: bio, interests, goals, comfort levels',
  subcommands: [show, set],
});
