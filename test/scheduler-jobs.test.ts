import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deleteUserData, exportUserData } from '../src/core/privacy.ts';
import { resolveUser, updateSettings } from '../src/core/users.ts';
import { composeReply } from '../src/scheduler/compose.ts';
import type { ClaimedDelivery, DeliveryKind } from '../src/scheduler/jobs.ts';
import { setNudgeGap } from '../src/scheduler/nudge-preferences.ts';
import { mondayMorningSomewhere } from '../src/scheduler/scheduler.ts';
import { coreDeps, type TestClock } from './helpers/core.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import { waitFor } from './helpers/platform-fakes.ts';
import { person, recordingMessenger, testScheduler, type Person } from './helpers/scheduler.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

describe.each(DB_KINDS)('scheduled nudges on %s', (kind) => {
  let t: TestDatabase;
  let core: CoreDeps & { clock: TestClock };

  beforeAll(async () => {
    t = await freshDatabase(kind);
    core = coreDeps(t.db, '2026-03-01T00:00:00Z');
  });
  afterAll(async () => t.dispose());
  // Jobs look at everyone: each test starts with only its own people active.
  beforeEach(async () => {
    await sql(t.db, 'UPDATE users SET is_active = false WHERE is_active');
  });

  /** Runs `job` as if at `at`, with the clock there too. */
  async function runAt(scheduler: ReturnType<typeof testScheduler>, job: Parameters<ReturnType<typeof testScheduler>['runJob']>[0], at: string | Date) {
    core.clock.set(at);
    return scheduler.runJob(job, new Date(at));
  }

  async function journal(userId: string, at: string | Date) {
    await sql(t.db, `INSERT INTO journal_entries (user_id, content, mood, created_at) VALUES ($1, 'A few words', 'calm', $2)`, [userId, new Date(at)]);
  }

  async function deliveries(userId: string) {
    return sql<{ kind: string; period: string; status: string; detail: string | null }>(
      t.db,
      'SELECT kind, period, status, detail FROM companion_deliveries WHERE user_id = $1 ORDER BY due_at, kind',
      [userId],
    );
  }

  describe('time zones and DST', () => {
    const cases: Array<[zone: string, date: string, time: string, expected: string]> = [
      ['Europe/Berlin', '2026-03-28', '09:00', '2026-03-28T08:00:00.000Z'], // CET
      ['Europe/Berlin', '2026-03-29', '09:00', '2026-03-29T07:00:00.000Z'], // CEST from today
      ['Europe/Berlin', '2026-10-24', '09:00', '2026-10-24T07:00:00.000Z'],
      ['Europe/Berlin', '2026-10-25', '09:00', '2026-10-25T08:00:00.000Z'], // back to CET
      ['America/New_York', '2026-03-07', '09:00', '2026-03-07T14:00:00.000Z'], // EST
      ['America/New_York', '2026-03-08', '09:00', '2026-03-08T13:00:00.000Z'], // EDT from today
      ['America/New_York', '2026-11-01', '09:00', '2026-11-01T14:00:00.000Z'], // back to EST
      // Skipped by spring-forward: the first valid instant after the gap (03:00 local).
      ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:00:00.000Z'],
      ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z'],
    ];
    it.each(cases)('%s on %s at %s local fires at %s and not a minute earlier', async (zone, date, time, expected) => {
      core.clock.set(`${date}T00:00:00Z`);
      const robin = await person(core, { timezone: zone, reminderTime: time });
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      const due = new Date(expected).getTime();
      await runAt(scheduler, 'streak-reminders', new Date(due - MINUTE));
      expect(dm.to(robin.id)).toHaveLength(0);
      await runAt(scheduler, 'streak-reminders', new Date(due));
      await runAt(scheduler, 'streak-reminders', new Date(due + HOUR));
      expect(dm.to(robin.id)).toHaveLength(1);
      expect(await deliveries(robin.id)).toEqual([{ kind: 'streak_reminder', period: date, status: 'sent', detail: null }]);
    });

    it.each([
      ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-24T23:00:00Z'],
      ['America/New_York', '2026-11-01', '01:30', '2026-11-01T04:00:00Z'],
    ])('a reminder at %s %s %s, a time the clocks pass twice, fires once', async (zone, _date, time, from) => {
      core.clock.set(from);
      const robin = await person(core, { timezone: zone, reminderTime: time });
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      for (let at = new Date(from).getTime(); at <= new Date(from).getTime() + 5 * HOUR; at += 10 * MINUTE) {
        await runAt(scheduler, 'streak-reminders', new Date(at));
      }
      expect(dm.to(robin.id)).toHaveLength(1);
    });

    it.each([
      // Down from before 01:45 CEST (23:45Z) until 03:30 CET: the wall clock moved 1h45m, real time 2h45m.
      ['Europe/Berlin', '01:45', '2026-10-24T22:00:00Z', '2026-10-25T02:30:00Z'],
      // Down over the spring-forward gap: 02:30 was skipped and fell due at 03:00 EDT.
      ['America/New_York', '02:30', '2026-03-08T05:00:00Z', '2026-03-08T09:30:00Z'],
    ])('catches up a %s reminder at %s missed across a DST change', async (zone, time, from, at) => {
      core.clock.set(from);
      const robin = await person(core, { timezone: zone, reminderTime: time });
      const dm = recordingMessenger();
      await runAt(testScheduler(core, [dm]), 'streak-reminders', at);
      expect(dm.to(robin.id)).toHaveLength(1);
    });

    it('uses DEFAULT_TIMEZONE for someone who never set a zone', async () => {
      core.clock.set('2026-06-01T00:00:00Z');
      const robin = await person(core, { reminderTime: '09:00' });
      const dm = recordingMessenger();
      const scheduler = testScheduler({ ...core, defaultTimezone: 'Asia/Tokyo' }, [dm]);
      await runAt(scheduler, 'streak-reminders', '2026-06-01T00:00:00Z'); // 09:00 in Tokyo
      expect(dm.to(robin.id)).toHaveLength(1);
    });
  });

  describe('catch-up and stale windows', () => {
    it('catches up a reminder missed less than 3 hours ago, drops older ones and those whose day has ended', async () => {
      core.clock.set('2026-05-04T06:00:00Z');
      const recent = await person(core, { timezone: 'UTC', reminderTime: '19:00' });
      const old = await person(core, { timezone: 'UTC', reminderTime: '17:00' });
      const lateNight = await person(core, { timezone: 'Europe/London', reminderTime: '23:00' }); // 22:00Z
      const wrote = await person(core, { timezone: 'UTC', reminderTime: '19:00' });
      await journal(wrote.id, '2026-05-04T08:00:00Z');
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      // The process was down from 16:00 to 21:30.
      await runAt(scheduler, 'streak-reminders', '2026-05-04T21:30:00Z');
      expect(dm.to(recent.id)).toHaveLength(1);
      expect(dm.to(old.id)).toHaveLength(0);
      expect(dm.to(wrote.id)).toHaveLength(0);
      // Down again from 21:45 until 00:30 local the next day: the 23:00 reminder belongs to a day that is over.
      await runAt(scheduler, 'streak-reminders', '2026-05-04T23:30:00Z');
      expect(dm.to(lateNight.id)).toHaveLength(0);
      expect(await deliveries(old.id)).toEqual([]);
    });

    it('start() runs a tick at once, catching up what is due', async () => {
      core.clock.set('2026-05-05T19:30:00Z');
      const robin = await person(core, { timezone: 'UTC', reminderTime: '19:00' });
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      scheduler.start();
      await waitFor(() => (dm.to(robin.id).length > 0 ? true : undefined), 'the catch-up tick');
      await scheduler.stop();
      expect(dm.to(robin.id)).toHaveLength(1);
    });
  });

  describe('respect', () => {
    it('waits out quiet hours, and sends nothing while snoozed or with nudges off', async () => {
      core.clock.set('2026-05-06T06:00:00Z');
      const quiet = await person(core, { timezone: 'UTC', reminderTime: '19:00', quietHours: { start: '18:30', end: '20:00' } });
      const snoozed = await person(core, { timezone: 'UTC', reminderTime: '19:00', snoozeUntil: '2026-05-06' });
      const off = await person(core, { timezone: 'UTC', reminderTime: '19:00', nudges: false });
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      await runAt(scheduler, 'streak-reminders', '2026-05-06T19:00:00Z');
      await runAt(scheduler, 'streak-reminders', '2026-05-06T19:59:00Z');
      expect(dm.to(quiet.id)).toHaveLength(0);
      await runAt(scheduler, 'streak-reminders', '2026-05-06T20:00:00Z');
      expect(dm.to(quiet.id)).toHaveLength(1);
      expect(dm.to(snoozed.id)).toHaveLength(0);
      expect(dm.to(off.id)).toHaveLength(0);
      // The snooze ends with its day.
      await runAt(scheduler, 'streak-reminders', '2026-05-07T19:00:00Z');
      expect(dm.to(snoozed.id)).toHaveLength(1);
      expect(dm.to(off.id)).toHaveLength(0);
    });

    it('backs off after 3 ignored nudges, asks once whether fewer would be better, and resets when the person comes back', async () => {
      core.clock.set('2026-07-01T00:00:00Z');
      const robin = await person(core, { timezone: 'UTC', reminderTime: '09:00' });
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      const days: Array<[number, string]> = [];
      for (let day = 1; day <= 17; day++) {
        const before = dm.to(robin.id).length;
        await runAt(scheduler, 'streak-reminders', `2026-07-${String(day).padStart(2, '0')}T09:00:00Z`);
        const got = dm.to(robin.id).slice(before);
        for (const s of got) days.push([day, s.reply.title ?? '']);
      }
      expect(days.map(([d]) => d)).toEqual([1, 2, 3, 4, 8, 16]);
      expect(days.filter(([, title]) => title === 'Want fewer reminders?').map(([d]) => d)).toEqual([4]);
      const question = dm.to(robin.id).find((s) => s.reply.title === 'Want fewer reminders?')!;
      expect(question.reply.actions?.map((a) => a.id)).toEqual(['reminders:fewer:please', 'reminders:pause:week', 'reminders:off:now', 'reminders:keep:yes']);
      expect(question.reply.text).not.toMatch(/ignored|missed|fail/i);

      // Robin writes to the bot again: daily reminders resume, and the question is never asked twice.
      core.clock.set('2026-07-17T12:00:00Z');
      await resolveUser(core, robin.who);
      const later: number[] = [];
      for (let day = 18; day <= 23; day++) {
        const before = dm.to(robin.id).length;
        await runAt(scheduler, 'streak-reminders', `2026-07-${day}T09:00:00Z`);
        if (dm.to(robin.id).length > before) later.push(day);
      }
      // Daily again, and after 3 more ignored ones the back-off (2 days) without a second question.
      expect(later).toEqual([18, 19, 20, 22]);
      expect(dm.to(robin.id).filter((s) => s.reply.title === 'Want fewer reminders?')).toHaveLength(1);
    });

    it('"fewer, please" leaves three days between nudges', async () => {
      core.clock.set('2026-08-01T00:00:00Z');
      const robin = await person(core, { timezone: 'UTC', reminderTime: '09:00' });
      await setNudgeGap(core, robin.id, 3);
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      const sentOn: number[] = [];
      for (let day = 1; day <= 7; day++) {
        const before = dm.to(robin.id).length;
        await runAt(scheduler, 'streak-reminders', `2026-08-0${day}T09:00:00Z`);
        if (dm.to(robin.id).length > before) sentOn.push(day);
        // Robin reads and answers each time, so back-off is not what spaces them.
        core.clock.set(`2026-08-0${day}T12:00:00Z`);
        await resolveUser(core, robin.who);
      }
      expect(sentOn).toEqual([1, 4, 7]);
    });

    it('skips someone whose DMs are closed until they interact again', async () => {
      core.clock.set('2026-09-01T00:00:00Z');
      const closed = await person(core, { timezone: 'UTC', reminderTime: '09:00' });
      const open = await person(core, { timezone: 'UTC', reminderTime: '09:00' });
      const dm = recordingMessenger();
      let blocked = true;
      dm.outcome = (identity) => (identity.userId === closed.id && blocked ? { status: 'unreachable', code: 'cannot_dm' } : { status: 'ok' });
      const scheduler = testScheduler(core, [dm]);
      await runAt(scheduler, 'streak-reminders', '2026-09-01T09:00:00Z');
      expect(await deliveries(closed.id)).toEqual([{ kind: 'streak_reminder', period: '2026-09-01', status: 'skipped', detail: 'unreachable:cannot_dm' }]);
      blocked = false;
      await runAt(scheduler, 'streak-reminders', '2026-09-02T09:00:00Z');
      await runAt(scheduler, 'streak-reminders', '2026-09-03T09:00:00Z');
      expect(dm.calls.filter((c) => c.identity.userId === closed.id)).toHaveLength(1);
      expect(dm.to(open.id)).toHaveLength(3);
      core.clock.set('2026-09-03T18:00:00Z');
      await resolveUser(core, closed.who);
      await runAt(scheduler, 'streak-reminders', '2026-09-04T09:00:00Z');
      expect(dm.to(closed.id)).toHaveLength(1);
    });

    it('counts a button or an entry within the hour as interacting again, though last_seen_at only moves hourly', async () => {
      core.clock.set('2026-09-20T08:30:00Z');
      const closed = await person(core, { timezone: 'UTC', reminderTime: '09:00' });
      const dm = recordingMessenger();
      let blocked = true;
      dm.outcome = () => (blocked ? { status: 'unreachable', code: '50007' } : { status: 'ok' });
      const scheduler = testScheduler(core, [dm]);
      await runAt(scheduler, 'streak-reminders', '2026-09-20T09:00:00Z');
      blocked = false;
      // They open their DMs and write at 09:20: resolveUser leaves last_seen_at (08:30) alone.
      core.clock.set('2026-09-20T09:20:00Z');
      await resolveUser(core, closed.who);
      const [seen] = await sql<{ last_seen_at: Date }>(t.db, 'SELECT last_seen_at FROM companion_platform_identities WHERE user_id = $1', [closed.id]);
      expect(new Date(seen!.last_seen_at).toISOString()).toBe('2026-09-20T08:30:00.000Z');
      await journal(closed.id, '2026-09-20T09:20:00Z');
      await runAt(scheduler, 'streak-reminders', '2026-09-21T09:00:00Z');
      expect(dm.to(closed.id)).toHaveLength(1);
    });

    it('a settings change or a mood log resets the back-off count', async () => {
      core.clock.set('2026-09-22T08:30:00Z');
      const robin = await person(core, { timezone: 'UTC', reminderTime: '09:00' });
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      const titles: string[] = [];
      const day = async (d: number) => {
        const before = dm.to(robin.id).length;
        await runAt(scheduler, 'streak-reminders', `2026-09-${d}T09:00:00Z`);
        titles.push(...dm.to(robin.id).slice(before).map((s) => `${d}:${s.reply.title}`));
      };
      await day(22);
      await day(23);
      // Within the hour of the nudge: last_seen_at would not move, but these are theirs.
      core.clock.set('2026-09-23T09:10:00Z');
      await updateSettings(core, robin.id, { quietHours: null });
      await day(24);
      await sql(t.db, `INSERT INTO mood_tracking (user_id, mood, intensity, recorded_at) VALUES ($1, 'calm', 6, $2)`, [robin.id, new Date('2026-09-24T09:05:00Z')]);
      await day(25);
      await day(26);
      // Never three ignored in a row: daily reminders, and no "want fewer reminders?" question.
      expect(titles.map((t) => t.split(':')[0])).toEqual(['22', '23', '24', '25', '26']);
      expect(titles.some((t) => t.includes('Want fewer'))).toBe(false);
    });

    it('honours retry-after: waits as long as the platform asks, then delivers once', async () => {
      core.clock.set('2026-09-10T00:00:00Z');
      const people: Person[] = [];
      for (let i = 0; i < 3; i++) people.push(await person(core, { timezone: 'UTC', reminderTime: '09:00' }));
      const dm = recordingMessenger();
      dm.outcome = (_identity, call) => (call === 2 ? { status: 'rate_limited', retryAfterMs: 7_000 } : { status: 'ok' });
      const scheduler = testScheduler(core, [dm]);
      const summary = await runAt(scheduler, 'streak-reminders', '2026-09-10T09:00:00Z');
      expect(summary).toMatchObject({ sent: 3, failed: 0, released: 0 });
      expect(scheduler.sleeps.some((ms) => ms > 6_900 && ms <= 7_000)).toBe(true);
      for (const p of people) expect(dm.to(p.id)).toHaveLength(1);
      expect(dm.calls).toHaveLength(4);
    });
  });

  describe('mission nudges, event reminders, weekly insights', () => {
    it('nudges about an untouched mission on a day already journaled, at most once a week per mission', async () => {
      core.clock.set('2026-10-01T08:00:00Z');
      const robin = await person(core, { timezone: 'UTC', reminderTime: '18:00' });
      const [mission] = await sql<{ id: string; title: string }>(t.db, 'SELECT id, title FROM missions WHERE is_active ORDER BY title LIMIT 1');
      await sql(t.db, `INSERT INTO user_missions (user_id, mission_id, status, assigned_at) VALUES ($1, $2, 'assigned', $3)`, [
        robin.id,
        mission!.id,
        new Date('2026-09-25T10:00:00Z'),
      ]);
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      // Not journaled today: the daily slot is the streak reminder's.
      await runAt(scheduler, 'streak-reminders', '2026-10-01T18:00:00Z');
      await runAt(scheduler, 'mission-nudges', '2026-10-01T18:00:00Z');
      expect(dm.to(robin.id).map((s) => s.reply.title)).toEqual(['A moment to journal']);
      for (const day of ['02', '03', '09', '10']) {
        await journal(robin.id, `2026-10-${day}T08:00:00Z`);
        await runAt(scheduler, 'streak-reminders', `2026-10-${day}T18:00:00Z`);
        await runAt(scheduler, 'mission-nudges', `2026-10-${day}T18:00:00Z`);
      }
      const nudges = dm.to(robin.id).filter((s) => s.reply.title === 'Your mission is waiting');
      expect(nudges).toHaveLength(2);
      expect(nudges[0]!.reply.text).toContain(mission!.title);
      expect(nudges[0]!.reply.actions?.[0]?.id).toBe(`mission:complete:${mission!.id}`);
      expect((await deliveries(robin.id)).filter((d) => d.kind === 'mission_nudge').map((d) => d.period)).toEqual([
        `${mission!.id}:2026-10-02`,
        `${mission!.id}:2026-10-09`,
      ]);
    });

    it('reminds a day before an event the person is going to, in the event zone, after quiet hours, once', async () => {
      core.clock.set('2026-10-20T12:00:00Z');
      const going = await person(core, { timezone: 'America/New_York', quietHours: { start: '13:00', end: '15:00' } });
      const interested = await person(core, { timezone: 'UTC' });
      const [event] = await sql<{ id: string }>(
        t.db,
        `INSERT INTO events (title, description, date, time, category, comfort_level, social_context)
         VALUES ('Board games night', 'Relaxed games', '2026-10-25', '19:00', 'games', 'low', '{"timezone":"Europe/Berlin"}') RETURNING id`,
      );
      await sql(t.db, `INSERT INTO event_attendees (event_id, user_id, status, rsvp_at) VALUES ($1, $2, 'going', $4), ($1, $3, 'interested', $4)`, [
        event!.id,
        going.id,
        interested.id,
        new Date('2026-10-20T12:00:00Z'),
      ]);
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      // 19:00 in Berlin on 25 Oct (CET, after the DST change) is 18:00Z; a day before is 24 Oct 18:00Z = 14:00 in New York.
      await runAt(scheduler, 'event-reminders', '2026-10-24T17:59:00Z');
      expect(dm.to(going.id)).toHaveLength(0);
      await runAt(scheduler, 'event-reminders', '2026-10-24T18:00:00Z'); // 14:00 in New York: quiet hours
      expect(dm.to(going.id)).toHaveLength(0);
      await runAt(scheduler, 'event-reminders', '2026-10-24T19:00:00Z');
      await runAt(scheduler, 'event-reminders', '2026-10-25T10:00:00Z');
      expect(dm.to(going.id)).toHaveLength(1);
      expect(dm.to(going.id)[0]!.reply.text).toContain('Board games night');
      expect(dm.to(going.id)[0]!.reply.text).toContain('Sun 25 Oct, 14:00');
      expect(dm.to(interested.id)).toHaveLength(0);
    });

    it('computes weekly insights in one pass when Monday morning comes, and delivers them at 09:00 local in each zone', async () => {
      core.clock.set('2026-11-16T10:00:00Z');
      const berlin = await person(core, { timezone: 'Europe/Berlin' });
      const newYork = await person(core, { timezone: 'America/New_York' });
      await sql(t.db, `INSERT INTO mood_tracking (user_id, mood, intensity, recorded_at) VALUES ($1, 'calm', 6, $3), ($2, 'hopeful', 7, $3)`, [
        berlin.id,
        newYork.id,
        new Date('2026-11-18T12:00:00Z'),
      ]);
      const dm = recordingMessenger();
      const scheduler = testScheduler(core, [dm]);
      await runAt(scheduler, 'weekly-insights', '2026-11-23T07:59:00Z');
      expect(dm.sent).toHaveLength(0);
      await runAt(scheduler, 'weekly-insights', '2026-11-23T08:00:00Z'); // 09:00 in Berlin
      expect(dm.to(berlin.id)).toHaveLength(1);
      expect(dm.to(newYork.id)).toHaveLength(0);
      const reply = dm.to(berlin.id)[0]!.reply;
      expect(reply.title).toBe('Your week in review');
      expect(reply.fields?.[0]?.name).toBe('Your mood averaged 6/10 this week');
      await runAt(scheduler, 'weekly-insights', '2026-11-23T14:00:00Z'); // 09:00 in New York
      expect(dm.to(newYork.id)).toHaveLength(1);
      expect(dm.to(berlin.id)).toHaveLength(1);
      const [run] = await sql<{ covered_until: Date }>(t.db, `SELECT covered_until FROM companion_job_runs WHERE job = 'weekly-insights' AND period = '2026-11-16'`);
      // New York's week had already ended (05:00Z) when the 08:00Z run computed everyone's: no second run.
      expect(new Date(run!.covered_until).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    });
  });

  describe('tone', () => {
    it('welcomes someone back after missed days, with no count of what was missed', async () => {
      core.clock.set('2026-12-05T06:00:00Z');
      const robin = await person(core, { timezone: 'UTC', reminderTime: '09:00' });
      for (const day of ['01', '02', '03']) await journal(robin.id, `2026-12-${day}T08:00:00Z`);
      const dm = recordingMessenger();
      await runAt(testScheduler(core, [dm]), 'streak-reminders', '2026-12-05T09:00:00Z');
      const [sent] = dm.to(robin.id);
      expect(sent!.reply.title).toBe('A fresh page');
      expect(sent!.reply.text).not.toMatch(/\d|miss|lost|broke|streak|ended|again/i);
      expect(sent!.reply.actions?.map((a) => a.id)).toEqual(['journal:prompt:reminder', 'reminders:pause:week', 'reminders:off:now']);
    });

    it('every kind of scheduled DM is kind, free of guilt, and can be turned down from itself', () => {
      const base = { userId: 'u', period: 'p', dueAt: '', platform: 'console', externalId: 'x', workspaceId: null, firstName: 'Robin', timezone: 'UTC' };
      const payloads: Record<DeliveryKind, Record<string, unknown>> = {
        streak_reminder: { streak: 4 },
        mission_nudge: { missionId: 'm1', title: 'Say hello to a neighbour', status: 'assigned' },
        weekly_insights: { weekStart: '2026-11-16', insights: [{ type: 'consistency', title: 'A quiet week', description: 'Rest counts.' }] },
        event_reminder: { eventId: 'e1', title: 'Board games', startsAt: '2026-11-20T18:00:00Z', location: null },
        fewer_reminders: {},
      };
      for (const [kind, payload] of Object.entries(payloads) as Array<[DeliveryKind, Record<string, unknown>]>) {
        const reply = composeReply({ ...base, kind, payload } as ClaimedDelivery);
        expect(reply.visibility).toBe('private');
        expect(reply.text).toContain('Robin');
        expect(`${reply.title} ${reply.text}`).not.toMatch(/\bmiss(ed)?\b|lost|broke|\blose|fail|ignored|tonight|don't forget|should/i);
        const ids = reply.actions?.map((a) => a.id) ?? [];
        expect(ids).toContain('reminders:off:now');
        if (kind !== 'fewer_reminders') expect(ids).toContain('reminders:pause:week');
      }
    });
  });

  it('the weekly job only looks at everyone while Monday morning is under way in some zone', () => {
    expect(mondayMorningSomewhere(new Date('2026-11-22T18:59:00Z'))).toBe(false); // Sunday: not yet 09:00 Monday at UTC+14
    expect(mondayMorningSomewhere(new Date('2026-11-22T19:00:00Z'))).toBe(true);
    expect(mondayMorningSomewhere(new Date('2026-11-23T08:00:00Z'))).toBe(true);
    expect(mondayMorningSomewhere(new Date('2026-11-24T09:59:00Z'))).toBe(true); // 21:59 Monday at UTC-12, with DST slack
    expect(mondayMorningSomewhere(new Date('2026-11-24T10:01:00Z'))).toBe(false);
    expect(mondayMorningSomewhere(new Date('2026-11-26T12:00:00Z'))).toBe(false);
  });

  it('privacy export includes the scheduler rows and delete removes them', async () => {
    core.clock.set('2026-12-01T09:00:00Z');
    const robin = await person(core, { timezone: 'UTC', reminderTime: '09:00' });
    const dm = recordingMessenger();
    await runAt(testScheduler(core, [dm]), 'streak-reminders', '2026-12-01T09:00:00Z');
    const data = await exportUserData(core, robin.id);
    expect(data.tables.companion_deliveries).toHaveLength(1);
    expect(data.tables.companion_nudge_state).toHaveLength(1);
    await deleteUserData(core, robin.id);
    expect(await sql(t.db, 'SELECT 1 FROM companion_deliveries WHERE user_id = $1 UNION ALL SELECT 1 FROM companion_nudge_state WHERE user_id = $1', [robin.id])).toEqual([]);
  });

  it('people on a platform without a messenger are left for a runner that has one', async () => {
    core.clock.set('2026-12-02T09:00:00Z');
    const onSlack = await person(core, { timezone: 'UTC', reminderTime: '09:00' }, 'slack');
    const dm = recordingMessenger('console');
    await runAt(testScheduler(core, [dm]), 'streak-reminders', '2026-12-02T09:00:00Z');
    expect(dm.calls).toHaveLength(0);
    const slack = recordingMessenger('slack');
    await runAt(testScheduler(core, [slack]), 'streak-reminders', '2026-12-02T09:05:00Z');
    expect(slack.to(onSlack.id)).toHaveLength(1);
  });
});
