/**
 * Identity and settings: the Extrovertly user behind a chat account, created on
 * first contact (safe when two first messages arrive at once), and the settings
 * kept in `users.preferences`.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { inTransaction, type CoreDeps, type Tx } from './deps.ts';
import { UserError } from './errors.ts';
import { isValidTimezone, localDate } from './time.ts';
import { parseInput } from './validate.ts';

export type Platform = 'discord' | 'slack' | 'console';

export interface PlatformUser {
  readonly platform: Platform;
  /** Discord user id, Slack user id (with `workspaceId`), or a console name. */
  readonly externalId: string;
  /** Slack team id: Slack user ids are unique per workspace only. */
  readonly workspaceId?: string | undefined;
  readonly displayName: string;
  /** An IANA zone the platform knows (Slack does); used on first contact. */
  readonly timezone?: string | undefined;
}

export interface Settings {
  readonly timezone: string;
  /** True while the person has not chosen a zone and DEFAULT_TIMEZONE applies. */
  readonly timezoneIsDefault: boolean;
  readonly reminderTime: string;
  readonly nudges: boolean;
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  readonly snoozeUntil: string | null;
}

export interface CompanionUser {
  readonly id: string;
  readonly firstName: string;
  readonly username: string;
  readonly displayName: string;
  readonly confidenceLevel: number;
  readonly settings: Settings;
}

export const DEFAULT_REMINDER_TIME = '19:00';
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Placeholder emails live under a reserved, non-routable domain (RFC 2606 `.invalid`). */
const PLACEHOLDER_EMAIL_DOMAIN = 'users.extrovertly-companion.invalid';

/** Reads the companion's keys of `users.preferences`, ignoring anything malformed or foreign. */
export function readSettings(preferences: unknown, defaultTimezone: string): Settings {
  const p = (preferences && typeof preferences === 'object' ? preferences : {}) as Record<string, unknown>;
  const tz = typeof p.timezone === 'string' && isValidTimezone(p.timezone) ? p.timezone : undefined;
  const quiet = p.quiet_hours as { start?: unknown; end?: unknown } | undefined;
  return {
    timezone: tz ?? defaultTimezone,
    timezoneIsDefault: tz === undefined,
    reminderTime: typeof p.reminder_time === 'string' && HHMM.test(p.reminder_time) ? p.reminder_time : DEFAULT_REMINDER_TIME,
    nudges: p.nudges_enabled !== false,
    quietHours:
      quiet && typeof quiet.start === 'string' && typeof quiet.end === 'string' && HHMM.test(quiet.start) && HHMM.test(quiet.end)
        ? { start: quiet.start, end: quiet.end }
        : null,
    snoozeUntil: typeof p.snooze_until === 'string' && ISO_DATE.test(p.snooze_until) ? p.snooze_until : null,
  };
}

type UserRow = { id: string; firstName: string; username: string; confidenceLevel: unknown; preferences: unknown };

function toCompanionUser(user: UserRow, displayName: string, deps: CoreDeps): CompanionUser {
  return {
    id: user.id,
    firstName: user.firstName,
    username: user.username,
    displayName,
    confidenceLevel: Number(user.confidenceLevel ?? 3),
    settings: readSettings(user.preferences, deps.defaultTimezone),
  };
}

function identityKey(who: PlatformUser): string {
  return who.platform === 'slack' && who.workspaceId ? `${who.workspaceId}:${who.externalId}` : who.externalId;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'P2002';
}

const platformUserSchema = z.object({
  platform: z.enum(['discord', 'slack', 'console']),
  externalId: z.string().trim().min(1, 'is required').max(60, 'must be at most 60 characters'),
  workspaceId: z.string().trim().max(39).optional(),
  displayName: z.string().trim().max(200).catch(''),
  timezone: z.string().optional(),
});

/**
 * The Extrovertly user behind a chat account, created on first contact. Two first
 * messages racing each other end with one user: the loser's insert hits a unique
 * key and it reads the winner's row instead.
 */
export async function resolveUser(deps: CoreDeps, input: PlatformUser): Promise<CompanionUser> {
  const who = parseInput(platformUserSchema, input);
  const externalId = identityKey(who as PlatformUser);
  const displayName = who.displayName || 'Friend';
  const prisma = deps.db.prisma;

  const platformZone = who.timezone && isValidTimezone(who.timezone) ? who.timezone : null;

  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    // Every command and coach message starts here, so a returning person is one statement:
    // read, note the visit (at most hourly, or when the name changed), and adopt the zone the
    // platform knows (Slack's) while the person has not chosen one.
    const [known] = await prisma.$queryRaw<UserRow[]>`
      WITH found AS (
        SELECT i.id AS identity_id, i.display_name, i.last_seen_at,
               u.id, u.first_name, u.username, u.confidence_level, u.preferences
          FROM companion_platform_identities i JOIN users u ON u.id = i.user_id
         WHERE i.platform = ${who.platform} AND i.external_id = ${externalId}
      ), seen AS (
        UPDATE companion_platform_identities i SET display_name = ${displayName}, last_seen_at = ${now}
          FROM found f
         WHERE i.id = f.identity_id
           AND (f.display_name IS DISTINCT FROM ${displayName} OR f.last_seen_at < ${now}::timestamptz - interval '1 hour')
      ), zoned AS (
        UPDATE users u SET preferences = jsonb_set(COALESCE(f.preferences, '{}'::jsonb), '{timezone}', to_jsonb(${platformZone}::text))
          FROM found f
         WHERE u.id = f.id AND ${platformZone}::text IS NOT NULL AND NOT (COALESCE(f.preferences, '{}'::jsonb) ? 'timezone')
        RETURNING u.preferences
      )
      SELECT f.id::text AS id, f.first_name AS "firstName", f.username, f.confidence_level AS "confidenceLevel",
             COALESCE((SELECT z.preferences FROM zoned z), f.preferences) AS preferences
        FROM found f`;
    if (known) return toCompanionUser(known, displayName, deps);
    try {
      return await inTransaction(deps, (tx) => createUser(tx, deps, who.platform, externalId, who.workspaceId, displayName, who.timezone));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`could not resolve the user for ${who.platform} identity after retries`);
}

async function createUser(
  tx: Tx,
  deps: CoreDeps,
  platform: Platform,
  externalId: string,
  workspaceId: string | undefined,
  displayName: string,
  timezone: string | undefined,
): Promise<CompanionUser> {
  const digest = createHash('sha256').update(`${platform}:${externalId}`).digest('hex');
  const slug = displayName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60) || 'friend';
  const firstName = displayName.split(/\s+/)[0]!.slice(0, 100) || 'Friend';
  const now = deps.clock.now();
  const user = await tx.user.create({
    data: {
      // Deterministic, so two racing first contacts collide on the unique email.
      email: `${platform}.${digest.slice(0, 32)}@${PLACEHOLDER_EMAIL_DOMAIN}`,
      username: `${slug}_${digest.slice(0, 10)}`,
      firstName,
      preferences: timezone && isValidTimezone(timezone) ? { timezone } : {},
      createdAt: now,
      updatedAt: now,
      lastLoginAt: now,
    },
  });
  await tx.platformIdentity.create({
    data: { userId: user.id, platform, externalId, workspaceId: workspaceId ?? null, displayName, createdAt: now, lastSeenAt: now },
  });
  return toCompanionUser(user, displayName, deps);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person with their settings. Every service starts here, so it is one statement. */
export async function getUser(deps: CoreDeps, userId: string): Promise<CompanionUser> {
  const rows = UUID.test(userId)
    ? await deps.db.prisma.$queryRaw<Array<UserRow & { displayName: string | null }>>`
        SELECT u.id::text AS id, u.first_name AS "firstName", u.username, u.confidence_level AS "confidenceLevel", u.preferences,
               (SELECT p.display_name FROM companion_platform_identities p
                 WHERE p.user_id = u.id ORDER BY p.last_seen_at DESC LIMIT 1) AS "displayName"
          FROM users u WHERE u.id = ${userId}::uuid`
    : [];
  const user = rows[0];
  if (!user) throw new UserError('not_found', 'I could not find your profile. Send any command to start again.');
  return toCompanionUser(user, user.displayName ?? user.firstName, deps);
}

/** The person's local date today ('YYYY-MM-DD'). */
export function todayFor(deps: CoreDeps, settings: Settings): string {
  return localDate(deps.clock.now(), settings.timezone);
}

const hhmm = z.string().trim().regex(HHMM, 'use 24-hour HH:MM, for example 08:30 or 19:00');

const settingsInput = z
  .object({
    timezone: z
      .string()
      .trim()
      .refine(isValidTimezone, 'is not a time zone I know; use a name like Europe/Berlin or America/New_York')
      .optional(),
    reminderTime: hhmm.optional(),
    nudges: z.boolean().optional(),
    /** `null` turns quiet hours off. */
    quietHours: z.object({ start: hhmm, end: hhmm }).nullable().optional(),
    /** 'YYYY-MM-DD' to pause reminders through that date; `null` resumes them. */
    snoozeUntil: z.string().trim().regex(ISO_DATE, 'use a date like 2026-12-31').nullable().optional(),
  })
  .strict();

export type SettingsUpdate = z.input<typeof settingsInput>;

/** Changes some settings; the others stay. Merged in SQL so concurrent changes never undo each other. */
export async function updateSettings(deps: CoreDeps, userId: string, input: SettingsUpdate): Promise<Settings> {
  const change = parseInput(settingsInput, input);
  const current = await getUser(deps, userId);
  if (change.snoozeUntil) {
    const today = todayFor(deps, change.timezone ? { ...current.settings, timezone: change.timezone } : current.settings);
    if (change.snoozeUntil < today) throw new UserError('invalid_input', 'snoozeUntil: that date has passed; pick today or a later date');
    if (Date.parse(change.snoozeUntil) - Date.parse(today) > 366 * 86_400_000) {
      throw new UserError('invalid_input', 'snoozeUntil: snooze for at most a year; you can turn nudges off instead');
    }
  }
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  if (change.timezone !== undefined) set.timezone = change.timezone;
  if (change.reminderTime !== undefined) set.reminder_time = change.reminderTime;
  if (change.nudges !== undefined) set.nudges_enabled = change.nudges;
  if (change.quietHours === null) remove.push('quiet_hours');
  else if (change.quietHours !== undefined) set.quiet_hours = change.quietHours;
  if (change.snoozeUntil === null) remove.push('snooze_until');
  else if (change.snoozeUntil !== undefined) set.snooze_until = change.snoozeUntil;

  const rows = await deps.db.prisma.$queryRaw<Array<{ preferences: unknown }>>`
    UPDATE users
       SET preferences = (COALESCE(preferences, '{}'::jsonb) - ${remove}::text[]) || ${JSON.stringify(set)}::jsonb,
           updated_at = ${deps.clock.now()}
     WHERE id = ${userId}::uuid
     RETURNING preferences`;
  if (rows.length === 0) throw new UserError('not_found', 'I could not find your profile. Send any command to start again.');
  return readSettings(rows[0]!.preferences, deps.defaultTimezone);
}
