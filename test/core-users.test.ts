import { describe, expect, it } from 'vitest';
import { UserError } from '../src/core/errors.ts';
import { getUser, resolveUser, updateSettings } from '../src/core/users.ts';
import { coreDeps, newUser } from './helpers/core.ts';
import { DB_KINDS, sql, useDatabase } from './helpers/databases.ts';

describe.each(DB_KINDS)('identity and settings on %s', (kind) => {
  const t = useDatabase(kind);

  it('creates one user on first contact and finds the same user afterwards', async () => {
    const deps = coreDeps(t.db, '2026-11-24T10:00:00Z');
    const first = await resolveUser(deps, { platform: 'discord', externalId: '111222333', displayName: 'Ada Lovelace' });
    const again = await resolveUser(deps, { platform: 'discord', externalId: '111222333', displayName: 'Ada Lovelace' });
    expect(again.id).toBe(first.id);
    expect(first.firstName).toBe('Ada');
    const [row] = await sql<{ email: string; username: string }>(t.db, 'SELECT email, username FROM users WHERE id = $1', [first.id]);
    expect(row!.email).toMatch(/@users\.extrovertly-companion\.invalid$/);
    expect(row!.username).toMatch(/^ada_lovelace_[0-9a-f]{10}$/);
  });

  it('makes exactly one user when several first messages arrive at once', async () => {
    const deps = coreDeps(t.db);
    const who = { platform: 'slack' as const, workspaceId: 'T0RACE', externalId: 'U0RACE', displayName: 'Racer' };
    const users = await Promise.all(Array.from({ length: 8 }, () => resolveUser(deps, who)));
    expect(new Set(users.map((u) => u.id)).size).toBe(1);
    const identities = await sql(t.db, "SELECT user_id FROM companion_platform_identities WHERE external_id = 'T0RACE:U0RACE'");
    expect(identities).toHaveLength(1);
    const usersNamed = await sql(t.db, "SELECT id FROM users WHERE username LIKE 'racer\\_%'");
    expect(usersNamed).toHaveLength(1);
  });

  it('keys Slack users by workspace, so the same user id in two workspaces is two people', async () => {
    const deps = coreDeps(t.db);
    const a = await resolveUser(deps, { platform: 'slack', workspaceId: 'T1', externalId: 'USAME', displayName: 'Sam' });
    const b = await resolveUser(deps, { platform: 'slack', workspaceId: 'T2', externalId: 'USAME', displayName: 'Sam' });
    expect(a.id).not.toBe(b.id);
  });

  it('keeps the display name current', async () => {
    const deps = coreDeps(t.db);
    await resolveUser(deps, { platform: 'discord', externalId: '999000111', displayName: 'Old Name' });
    const renamed = await resolveUser(deps, { platform: 'discord', externalId: '999000111', displayName: 'New Name' });
    expect(renamed.displayName).toBe('New Name');
    const [row] = await sql<{ display_name: string }>(t.db, "SELECT display_name FROM companion_platform_identities WHERE external_id = '999000111'");
    expect(row!.display_name).toBe('New Name');
  });

  it('takes the time zone the platform supplies on first contact, else the default', async () => {
    const deps = coreDeps(t.db, new Date(), 'Europe/Berlin');
    const withZone = await newUser(deps, { timezone: 'America/Chicago' });
    expect(withZone.settings).toMatchObject({ timezone: 'America/Chicago', timezoneIsDefault: false });
    const withoutZone = await newUser(deps);
    expect(withoutZone.settings).toMatchObject({ timezone: 'Europe/Berlin', timezoneIsDefault: true });
    const badZone = await newUser(deps, { timezone: 'Not/AZone' });
    expect(badZone.settings.timezoneIsDefault).toBe(true);
  });

  it('adopts the platform\'s zone later for someone who never chose one, and never overrides a chosen zone', async () => {
    const deps = coreDeps(t.db, '2026-11-24T10:00:00Z', 'Europe/Berlin');
    const slack = { platform: 'slack' as const, externalId: 'UZONE1', workspaceId: 'TZONE', displayName: 'Zoe' };
    const first = await resolveUser(deps, slack);
    expect(first.settings.timezoneIsDefault).toBe(true);
    const later = await resolveUser(deps, { ...slack, timezone: 'America/Denver' });
    expect(later.id).toBe(first.id);
    expect(later.settings).toMatchObject({ timezone: 'America/Denver', timezoneIsDefault: false });
    await updateSettings(deps, first.id, { timezone: 'Asia/Tokyo' });
    const afterChoice = await resolveUser(deps, { ...slack, timezone: 'America/Denver' });
    expect(afterChoice.settings.timezone).toBe('Asia/Tokyo');
    expect((await getUser(deps, first.id)).settings.timezone).toBe('Asia/Tokyo');
  });

  it('refuses an empty external id with a clear message', async () => {
    const deps = coreDeps(t.db);
    await expect(resolveUser(deps, { platform: 'discord', externalId: '  ', displayName: 'x' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^externalId: /),
    });
  });

  it('changes only the settings given and keeps the Extrovertly app\'s own preferences', async () => {
    const deps = coreDeps(t.db, '2026-11-24T10:00:00Z');
    const user = await newUser(deps);
    await sql(t.db, `UPDATE users SET preferences = preferences || '{"theme": "dark"}' WHERE id = $1`, [user.id]);
    await updateSettings(deps, user.id, { timezone: 'Asia/Tokyo', reminderTime: '08:30' });
    const settings = await updateSettings(deps, user.id, { nudges: false, quietHours: { start: '22:00', end: '07:00' }, snoozeUntil: '2026-12-01' });
    expect(settings).toEqual({
      timezone: 'Asia/Tokyo',
      timezoneIsDefault: false,
      reminderTime: '08:30',
      nudges: false,
      quietHours: { start: '22:00', end: '07:00' },
      snoozeUntil: '2026-12-01',
    });
    const cleared = await updateSettings(deps, user.id, { quietHours: null, snoozeUntil: null, nudges: true });
    expect(cleared).toMatchObject({ quietHours: null, snoozeUntil: null, nudges: true, reminderTime: '08:30' });
    const [row] = await sql<{ preferences: Record<string, unknown> }>(t.db, 'SELECT preferences FROM users WHERE id = $1', [user.id]);
    expect(row!.preferences.theme).toBe('dark');
    expect((await getUser(deps, user.id)).settings.timezone).toBe('Asia/Tokyo');
  });

  it('explains what is wrong with a setting', async () => {
    const deps = coreDeps(t.db, '2026-11-24T10:00:00Z');
    const user = await newUser(deps);
    const cases: Array<[Parameters<typeof updateSettings>[2], RegExp]> = [
      [{ timezone: 'Mars/Base' }, /^timezone: is not a time zone I know/],
      [{ reminderTime: '25:00' }, /^reminderTime: use 24-hour HH:MM/],
      [{ reminderTime: '9am' }, /^reminderTime: /],
      [{ quietHours: { start: '22:00', end: 'late' } }, /^quietHours\.end: /],
      [{ snoozeUntil: '2026-11-01' }, /^snoozeUntil: that date has passed/],
      [{ snoozeUntil: 'next week' }, /^snoozeUntil: use a date like/],
    ];
    for (const [input, message] of cases) {
      const attempt = updateSettings(deps, user.id, input);
      await expect(attempt).rejects.toBeInstanceOf(UserError);
      await expect(attempt).rejects.toThrow(message);
    }
  });

  it('recounts the streak when the time zone setting changes', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    await updateSettings(deps, user.id, { timezone: 'Pacific/Auckland' });
    const [row] = await sql<{ tz: string }>(t.db, 'SELECT companion_user_timezone(preferences) AS tz FROM users WHERE id = $1', [user.id]);
    expect(row!.tz).toBe('Pacific/Auckland');
  });
});
