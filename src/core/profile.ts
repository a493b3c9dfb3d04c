/**
 * The person's profile (`user_profiles`): a short bio, the social goals and
 * interests they describe themselves with, how comfortable they feel in each
 * kind of social context (1-5), and free-form social contexts.
 *
 * The seed gives `user_profiles.user_id` no unique constraint, and the other app
 * may already have written several rows for one person. The companion reads and
 * updates the newest row, and creates one only when none exists, under a lock on
 * the person's users row so two updates at once cannot create two.
 */
import { z } from 'zod';
import { inTransaction, type CoreDeps } from './deps.ts';
import { UserError } from './errors.ts';
import { getUser } from './users.ts';
import { parseInput } from './validate.ts';
import type { Prisma, UserProfile } from '../generated/prisma/client.ts';

/** The contexts the product asks about (the mission categories); any other slug is accepted too. */
export const COMFORT_CONTEXTS = [
  'conversation',
  'social_skills',
  'group_social',
  'assertiveness',
  'vulnerability',
  'events',
  'networking',
  'self_compassion',
] as const;

export const MAX_COMFORT_CONTEXTS = 20;
export const MAX_INTERESTS = 20;
export const MAX_PROFILE_GOALS = 10;
const MAX_SOCIAL_CONTEXT_KEYS = 50;
/** Social contexts are free-form JSON; this keeps one update to a sensible size. */
const MAX_SOCIAL_CONTEXTS_CHARS = 10_000;

export interface Profile {
  readonly firstName: string;
  readonly confidenceLevel: number;
  readonly bio: string | null;
  readonly socialGoals: readonly string[];
  readonly interests: readonly string[];
  /** Context slug → comfort 1-5. */
  readonly comfortLevels: Readonly<Record<string, number>>;
  readonly socialContexts: Readonly<Record<string, unknown>>;
  /** Null while the person has no profile row yet. */
  readonly updatedAt: Date | null;
}

const SLUG = /^[a-z][a-z0-9_]*$/;

/** "Group Social" and "group-social" both mean group_social. */
function contextSlug(key: string): string {
  return key.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function normaliseInterest(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

const comfortValue = 'must be a whole number from 1 to 5, or null to remove it';

const comfortLevelsInput = z
  .record(z.string(), z.number({ error: comfortValue }).int(comfortValue).min(1, comfortValue).max(5, comfortValue).nullable(), {
    error: 'must map each context to a number from 1 to 5, like { "conversation": 3 }',
  })
  .superRefine((levels, ctx) => {
    const keys = Object.keys(levels);
    if (keys.length > MAX_COMFORT_CONTEXTS) {
      ctx.addIssue({ code: 'custom', message: `set at most ${MAX_COMFORT_CONTEXTS} contexts at a time` });
    }
    for (const key of keys) {
      const slug = contextSlug(key);
      if (slug.length > 50 || !SLUG.test(slug)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'name a context with letters, digits and underscores (at most 50 characters), like conversation or group_social',
        });
      }
    }
  })
  .transform((levels) => Object.fromEntries(Object.entries(levels).map(([key, value]) => [contextSlug(key), value])));

const socialContextsInput = z
  .record(z.string(), z.unknown(), { error: 'must be an object of context → details' })
  .superRefine((contexts, ctx) => {
    const keys = Object.keys(contexts);
    if (keys.length > MAX_SOCIAL_CONTEXT_KEYS) {
      ctx.addIssue({ code: 'custom', message: `set at most ${MAX_SOCIAL_CONTEXT_KEYS} contexts at a time` });
    }
    if (keys.some((key) => key.trim().length === 0 || key.length > 100)) {
      ctx.addIssue({ code: 'custom', message: 'name each context in 1 to 100 characters' });
    }
    if (JSON.stringify(contexts).length > MAX_SOCIAL_CONTEXTS_CHARS) {
      ctx.addIssue({ code: 'custom', message: `keep the details under ${MAX_SOCIAL_CONTEXTS_CHARS.toLocaleString('en-US')} characters` });
    }
  });

const profileInput = z
  .object({
    /** An empty bio or null clears it. */
    bio: z
      .string({ error: 'must be text' })
      .trim()
      .max(1000, 'write at most 1,000 characters')
      .transform((s) => s || null)
      .nullable()
      .optional(),
    /** Replaces the list; null clears it. */
    socialGoals: z
      .array(
        z
          .string({ error: 'each goal must be text' })
          .trim()
          .min(1, 'each goal needs at least one character')
          .max(200, 'keep each goal to at most 200 characters'),
        { error: 'must be a list of goals' },
      )
      .max(MAX_PROFILE_GOALS, `list at most ${MAX_PROFILE_GOALS} goals`)
      .nullable()
      .optional(),
    /** Replaces the list, lowercased and without repeats; null clears it. */
    interests: z
      .array(
        z
          .string({ error: 'each interest must be text' })
          .transform(normaliseInterest)
          .pipe(z.string().max(50, 'keep each interest to at most 50 characters')),
        { error: 'must be a list of interests' },
      )
      .transform((list) => [...new Set(list.filter((s) => s.length > 0))])
      .pipe(z.array(z.string()).max(MAX_INTERESTS, `list at most ${MAX_INTERESTS} interests`))
      .nullable()
      .optional(),
    /** Merged into the stored levels; a context set to null is removed. */
    comfortLevels: comfortLevelsInput.optional(),
    /** Merged into the stored contexts; a key set to null is removed. */
    socialContexts: socialContextsInput.optional(),
  })
  .strict();

export type ProfileUpdate = z.input<typeof profileInput>;

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}

/** The comfort levels that are numbers; anything else another app stored is kept in the row but not shown. */
function readComfort(value: unknown): Record<string, number> {
  const levels: Record<string, number> = {};
  for (const [key, raw] of Object.entries(asObject(value))) {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (Number.isFinite(n)) levels[key] = n;
  }
  return levels;
}

/** `changes` applied to `stored`: null removes a key, anything else sets it. */
function merge(stored: unknown, changes: Record<string, unknown>): Record<string, unknown> {
  const result = asObject(stored);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete result[key];
    else if (value !== undefined) result[key] = value;
  }
  return result;
}

const NEWEST = [
  { updatedAt: { sort: 'desc', nulls: 'last' } },
  { createdAt: { sort: 'desc', nulls: 'last' } },
  { id: 'desc' },
] as const;

function toProfile(row: UserProfile | null, person: { firstName: string; confidenceLevel: unknown }): Profile {
  return {
    firstName: person.firstName,
    confidenceLevel: Number(person.confidenceLevel ?? 3),
    bio: row?.bio ?? null,
    socialGoals: row?.socialGoals ?? [],
    interests: row?.interests ?? [],
    comfortLevels: readComfort(row?.comfortLevels),
    socialContexts: asObject(row?.socialContexts),
    updatedAt: row ? row.updatedAt : null,
  };
}

/** The person's profile, or empty defaults when they have none yet. */
export async function getProfile(deps: CoreDeps, userId: string): Promise<Profile> {
  const user = await getUser(deps, userId);
  const row = await deps.db.prisma.userProfile.findFirst({ where: { userId }, orderBy: [...NEWEST] });
  return toProfile(row, user);
}

/** Changes the given parts of the profile; the rest stays. Creates the profile on first use. */
export async function updateProfile(deps: CoreDeps, userId: string, input: ProfileUpdate): Promise<Profile> {
  const change = parseInput(profileInput, input);
  return inTransaction(deps, async (tx) => {
    // Without a unique user_id, only this lock keeps two first updates from inserting two rows.
    const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id::text AS id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new UserError('not_found', 'I could not find your profile. Send any command to start again.');
    const person = (await tx.user.findUnique({ where: { id: userId }, select: { firstName: true, confidenceLevel: true } }))!;
    const existing = await tx.userProfile.findFirst({ where: { userId }, orderBy: [...NEWEST] });

    const data: {
      bio?: string | null;
      socialGoals?: string[];
      interests?: string[];
      comfortLevels?: Prisma.InputJsonObject;
      socialContexts?: Prisma.InputJsonObject;
    } = {};
    if (change.bio !== undefined) data.bio = change.bio;
    if (change.socialGoals !== undefined) data.socialGoals = change.socialGoals ?? [];
    if (change.interests !== undefined) data.interests = change.interests ?? [];
    if (change.comfortLevels !== undefined) {
      const before = Object.keys(asObject(existing?.comfortLevels)).length;
      const merged = merge(existing?.comfortLevels, change.comfortLevels);
      const after = Object.keys(merged).length;
      // Only growth is refused, so a profile another app filled beyond the limit can still be edited.
      if (after > MAX_COMFORT_CONTEXTS && after > before) {
        throw new UserError(
          'invalid_input',
          `comfortLevels: you can keep at most ${MAX_COMFORT_CONTEXTS} contexts; remove one by setting it to null before adding another`,
        );
      }
      data.comfortLevels = merged as Prisma.InputJsonObject;
    }
    if (change.socialContexts !== undefined) data.socialContexts = merge(existing?.socialContexts, change.socialContexts) as Prisma.InputJsonObject;
    if (Object.keys(data).length === 0) return toProfile(existing, person);

    const now = deps.clock.now();
    const row = existing
      ? await tx.userProfile.update({ where: { id: existing.id }, data: { ...data, updatedAt: now } })
      : await tx.userProfile.create({
          data: {
            userId,
            bio: null,
            socialGoals: [],
            interests: [],
            comfortLevels: {},
            socialContexts: {},
            ...data,
            createdAt: now,
            updatedAt: now,
          },
        });
    return toProfile(row, person);
  });
}
