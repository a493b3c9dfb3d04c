import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../src/core/errors.ts';
import {
  cancelEvent,
  createEvent,
  eventStartsAt,
  findEvent,
  listUpcomingEvents,
  markAttended,
  rsvp,
  searchEvents,
  updateEvent,
  type CreateEventInput,
  type EventView,
} from '../src/core/events.ts';
import type { CompanionUser } from '../src/core/users.ts';
import { coreDeps, newUser } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';

/** 1 June 2026, noon UTC: every event below is created relative to this. */
const BASE = '2026-06-01T12:00:00Z';

async function userError(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError, but the call succeeded');
}

function token(): string {
  return randomBytes(4).toString('hex');
}

describe.each(DB_KINDS)('events on %s', (kind) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof coreDeps>;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    deps = coreDeps(t.db, BASE);
  });
  afterAll(async () => t.dispose());
  beforeEach(() => {
    deps.clock.set(BASE);
  });

  /** An event on 10 June 2026 at 19:00 UTC in a category of its own unless `input` says otherwise. */
  function makeEvent(organizer: CompanionUser, input: Partial<CreateEventInput> = {}): Promise<EventView> {
    return createEvent(deps, organizer.id, {
      title: `Board game night ${token()}`,
      description: 'Cooperative games, no experience needed.',
      date: '2026-06-10',
      time: '19:00',
      timezone: 'UTC',
      category: `cat-${token()}`,
      ...input,
    });
  }

  async function people(n: number): Promise<CompanionUser[]> {
    const list: CompanionUser[] = [];
    for (let i = 0; i < n; i++) list.push(await newUser(deps));
    return list;
  }

  async function statuses(eventId: string): Promise<Record<string, number>> {
    const rows = await sql<{ status: string; n: number }>(
      t.db,
      'SELECT status, count(*)::int AS n FROM event_attendees WHERE event_id = $1 GROUP BY status',
      [eventId],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  describe('creating events', () => {
    it("stores the organizer's time zone in social_context and the organizer's name", async () => {
      const organizer = await newUser(deps, { timezone: 'Europe/Berlin', displayName: 'Greta Host' });
      const event = await createEvent(deps, organizer.id, {
        title: 'Sunday picnic',
        description: 'Bring a snack if you like.',
        date: '2026-06-14',
        time: '13:00',
        category: 'outdoors',
      });
      expect(event.timezone).toBe('Europe/Berlin');
      expect(event.startsAt.toISOString()).toBe('2026-06-14T11:00:00.000Z');
      const [row] = await sql<Record<string, unknown>>(
        t.db,
        `SELECT social_context, organizer_id, organizer_name, comfort_level, max_attendees, price::text AS price, is_active,
                date::text AS date, time::text AS time, created_at
           FROM events WHERE id = $1`,
        [event.id],
      );
      expect(row).toMatchObject({
        social_context: { timezone: 'Europe/Berlin' },
        organizer_id: organizer.id,
        organizer_name: 'Greta Host',
        comfort_level: 'low',
        max_attendees: null,
        price: '0.00',
        is_active: true,
        date: '2026-06-14',
        time: '13:00:00',
      });
      expect(new Date(row!.created_at as string).toISOString()).toBe(new Date(BASE).toISOString());
    });

    it('eventStartsAt reads the wall time in the event zone: 19:00 in New York is 23:00 UTC in June', async () => {
      const organizer = await newUser(deps, { timezone: 'Europe/Berlin' });
      const event = await makeEvent(organizer, { timezone: 'America/New_York' });
      expect(event.startsAt.toISOString()).toBe('2026-06-10T23:00:00.000Z');
      const row = await t.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
      expect(eventStartsAt(row).toISOString()).toBe('2026-06-10T23:00:00.000Z');
      expect(eventStartsAt({ date: '2026-06-10', time: '19:00', socialContext: {} }).toISOString()).toBe('2026-06-10T19:00:00.000Z');
      expect(eventStartsAt({ date: '2026-06-10', time: '19:00', socialContext: { timezone: 'Not/AZone' } }).toISOString()).toBe(
        '2026-06-10T19:00:00.000Z',
      );
    });

    it('decides "in the future" in the event own zone, not in UTC', async () => {
      const organizer = await newUser(deps);
      deps.clock.set('2026-06-10T22:30:00Z');
      const ny = await makeEvent(organizer, { timezone: 'America/New_York' });
      expect(ny.startsAt.toISOString()).toBe('2026-06-10T23:00:00.000Z');
      const error = await userError(makeEvent(organizer, { timezone: 'UTC' }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/^date: .*already passed in UTC/);
    });

    it('refuses bad input with invalid_input naming the field and what is allowed', async () => {
      const organizer = await newUser(deps);
      const cases: Array<[Partial<CreateEventInput>, RegExp]> = [
        [{ date: '2026-05-31' }, /^date: .*already passed/],
        [{ date: '2026-02-30' }, /^date: use a real date/],
        [{ time: '25:00' }, /^time: use 24-hour HH:MM/],
        [{ time: '7pm' }, /^time: use 24-hour HH:MM/],
        [{ timezone: 'Mars/Olympus_Mons' }, /^timezone: is not a time zone I know/],
        [{ capacity: 0 }, /^capacity: .*from 1 to 10,000/],
        [{ capacity: 10_001 }, /^capacity: .*from 1 to 10,000/],
        [{ capacity: 2.5 }, /^capacity: .*whole number/],
        [{ title: 'x'.repeat(201) }, /^title: write at most 200 characters/],
        [{ title: '   ' }, /^title: /],
        [{ description: '' }, /^description: /],
        [{ location: 'y'.repeat(501) }, /^location: write at most 500 characters/],
        [{ category: 'games!' }, /^category: use a short lowercase word/],
        [{ category: 'c'.repeat(101) }, /^category: write at most 100 characters/],
        [{ comfortLevel: 'extreme' as never }, /^comfortLevel: choose low, medium or high/],
        [{ price: -1 }, /^price: use an amount from 0 to 100,000/],
        [{ price: 100_000.01 }, /^price: use an amount from 0 to 100,000/],
        [{ price: 12.345 }, /^price: use at most 2 decimals/],
        [{ tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, /^tags: add at most 10 tags/],
        [{ imageUrl: 'http://example.com/a.png' }, /^imageUrl: use a link that starts with https/],
        [{ imageUrl: `https://example.com/${'a'.repeat(500)}` }, /^imageUrl: use a link of at most 500 characters/],
      ];
      for (const [input, message] of cases) {
        const error = await userError(makeEvent(organizer, input));
        expect(error.code, JSON.stringify(input).slice(0, 80)).toBe('invalid_input');
        expect(error.message).toMatch(message);
      }
      const [row] = await sql<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM events WHERE organizer_id = $1', [organizer.id]);
      expect(row!.n).toBe(0);
    });

    it('stores capacity, price, tags, comfort level and image, with the category as a lowercase slug', async () => {
      const organizer = await newUser(deps);
      const event = await makeEvent(organizer, {
        category: ' Book Club ',
        comfortLevel: 'medium',
        capacity: 12,
        price: 7.5,
        tags: ['books', 'quiet', 'books'],
        imageUrl: 'https://example.com/club.png',
        location: 'Library, room 2',
      });
      expect(event).toMatchObject({
        category: 'book-club',
        comfortLevel: 'medium',
        capacity: 12,
        price: 7.5,
        tags: ['books', 'quiet'],
        imageUrl: 'https://example.com/club.png',
        location: 'Library, room 2',
      });
      const [row] = await sql<{ price: string; max_attendees: number; tags: string[] }>(
        t.db,
        'SELECT price::text AS price, max_attendees, tags FROM events WHERE id = $1',
        [event.id],
      );
      expect(row).toEqual({ price: '7.50', max_attendees: 12, tags: ['books', 'quiet'] });
    });
  });

  describe('listing upcoming events', () => {
    it('orders by the real start across zones and filters by category, comfort level, dates and pages', async () => {
      const organizer = await newUser(deps);
      const category = `list-${token()}`;
      // Wall times alone would put New York's 19:00 before Berlin's 22:00 on 11 June; real starts say otherwise.
      const a = await makeEvent(organizer, { category, date: '2026-06-12', time: '10:00', timezone: 'UTC', comfortLevel: 'medium' });
      const b = await makeEvent(organizer, { category, date: '2026-06-11', time: '19:00', timezone: 'America/New_York' });
      const c = await makeEvent(organizer, { category, date: '2026-06-11', time: '22:00', timezone: 'Europe/Berlin', comfortLevel: 'high' });
      await makeEvent(organizer, { date: '2026-06-11', time: '09:00' }); // another category

      const ids = async (input: Parameters<typeof listUpcomingEvents>[2]) => (await listUpcomingEvents(deps, organizer.id, input)).events.map((e) => e.id);
      expect(await ids({ category })).toEqual([c.id, b.id, a.id]);
      expect(await ids({ category, comfortLevel: 'high' })).toEqual([c.id]);
      expect(await ids({ category, from: '2026-06-12' })).toEqual([a.id]);
      expect(await ids({ category, to: '2026-06-11' })).toEqual([c.id, b.id]);
      const first = await listUpcomingEvents(deps, organizer.id, { category, limit: 2 });
      expect(first.events.map((e) => e.id)).toEqual([c.id, b.id]);
      expect(first.hasMore).toBe(true);
      const second = await listUpcomingEvents(deps, organizer.id, { category, limit: 2, offset: 2 });
      expect(second.events.map((e) => e.id)).toEqual([a.id]);
      expect(second.hasMore).toBe(false);
    });

    it('leaves out events that have started or were cancelled', async () => {
      const organizer = await newUser(deps);
      const category = `list-${token()}`;
      const soon = await makeEvent(organizer, { category, date: '2026-06-03', time: '09:00' });
      const cancelled = await makeEvent(organizer, { category, date: '2026-06-05' });
      const later = await makeEvent(organizer, { category, date: '2026-06-06' });
      await cancelEvent(deps, organizer.id, { event: cancelled.id });
      const ids = async () => (await listUpcomingEvents(deps, organizer.id, { category })).events.map((e) => e.id);
      expect(await ids()).toEqual([soon.id, later.id]);
      deps.clock.set('2026-06-03T09:00:00Z');
      expect(await ids()).toEqual([later.id]);
    });

    it("shows the going count, seats left (null when unlimited) and the caller's own RSVP", async () => {
      const organizer = await newUser(deps);
      const [me, p1, p2] = await people(3);
      const category = `list-${token()}`;
      const limited = await makeEvent(organizer, { category, capacity: 5, date: '2026-06-08' });
      const open = await makeEvent(organizer, { category, date: '2026-06-09' });
      await rsvp(deps, p1!.id, { event: limited.id, status: 'going' });
      await rsvp(deps, p2!.id, { event: limited.id, status: 'going' });
      await rsvp(deps, me!.id, { event: limited.id, status: 'interested' });
      await rsvp(deps, p1!.id, { event: open.id, status: 'going' });
      const { events } = await listUpcomingEvents(deps, me!.id, { category });
      expect(events.map((e) => [e.id, e.goingCount, e.seatsLeft, e.myStatus])).toEqual([
        [limited.id, 2, 3, 'interested'],
        [open.id, 1, null, null],
      ]);
    });

    it('refuses bad filters with clear messages', async () => {
      const user = await newUser(deps);
      const cases: Array<[Parameters<typeof listUpcomingEvents>[2], RegExp]> = [
        [{ from: '2026-06-20', to: '2026-06-10' }, /^from: pick a date on or before/],
        [{ from: '2026-13-01' }, /^from: use a real date/],
        [{ limit: 26 }, /^limit: show 1 to 25 events/],
        [{ limit: 0 }, /^limit: show 1 to 25 events/],
        [{ offset: -1 }, /^offset: /],
        [{ comfortLevel: 'extreme' as never }, /^comfortLevel: choose low, medium or high/],
        [{ category: 'bad category!' }, /^category: /],
      ];
      for (const [input, message] of cases) {
        const error = await userError(listUpcomingEvents(deps, user.id, input));
        expect(error.code).toBe('invalid_input');
        expect(error.message).toMatch(message);
      }
    });
  });

  describe('finding and searching', () => {
    it('finds an event by id or a unique title, asks to pick when several match, and says when none does', async () => {
      const organizer = await newUser(deps);
      const word = token();
      const one = await makeEvent(organizer, { title: `Salsa for beginners ${word}` });
      expect((await findEvent(deps, one.id)).id).toBe(one.id);
      expect((await findEvent(deps, `SALSA FOR BEGINNERS ${word}`)).id).toBe(one.id);
      expect((await findEvent(deps, `beginners ${word}`)).id).toBe(one.id);

      await makeEvent(organizer, { title: `Salsa social ${word}` });
      const ambiguous = await userError(findEvent(deps, `salsa`));
      expect(ambiguous.code).toBe('invalid_input');
      expect(ambiguous.message).toMatch(/several events match/);

      // A cancelled namesake does not make the active one ambiguous.
      const cancelled = await makeEvent(organizer, { title: `Quiz night ${word}` });
      await cancelEvent(deps, organizer.id, { event: cancelled.id });
      const active = await makeEvent(organizer, { title: `Quiz night ${word}`, date: '2026-06-17' });
      expect((await findEvent(deps, `quiz night ${word}`)).id).toBe(active.id);

      expect((await userError(findEvent(deps, `no such event ${word}`))).code).toBe('not_found');
      expect((await userError(findEvent(deps, '00000000-0000-4000-8000-000000000000'))).code).toBe('not_found');
      expect((await userError(findEvent(deps, '  '))).code).toBe('invalid_input');
    });

    it('suggests upcoming active events whose title contains the text, titles starting with it first', async () => {
      const organizer = await newUser(deps);
      const word = token();
      await makeEvent(organizer, { title: `Morning ${word} walk`, date: '2026-06-04' });
      const prefix = await makeEvent(organizer, { title: `${word} picnic`, date: '2026-06-09' });
      const middle = await makeEvent(organizer, { title: `Evening ${word} stroll`, date: '2026-06-05' });
      const cancelled = await makeEvent(organizer, { title: `${word} cancelled`, date: '2026-06-06' });
      await cancelEvent(deps, organizer.id, { event: cancelled.id });
      deps.clock.set('2026-06-04T20:00:00Z'); // the morning walk has started

      const found = await searchEvents(deps, word.toUpperCase(), 10);
      expect(found.map((e) => e.id)).toEqual([prefix.id, middle.id]);
      expect(await searchEvents(deps, word, 1)).toHaveLength(1);
      expect((await userError(searchEvents(deps, word, 26))).code).toBe('invalid_input');
    });
  });

  describe('RSVPs', () => {
    it('admits exactly the capacity when ten people say going at once; the others get event_full', async () => {
      const organizer = await newUser(deps);
      const event = await makeEvent(organizer, { capacity: 3 });
      const crowd = await people(10);
      const results = await Promise.allSettled(crowd.map((p) => rsvp(deps, p.id, { event: event.id, status: 'going' })));
      const admitted = results.filter((r) => r.status === 'fulfilled');
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(admitted).toHaveLength(3);
      expect(refused).toHaveLength(7);
      for (const error of refused) {
        expect(error).toBeInstanceOf(UserError);
        expect((error as UserError).code).toBe('event_full');
        expect((error as UserError).message).toMatch(/interested/);
      }
      expect(await statuses(event.id)).toEqual({ going: 3 });
    });

    it('records interested instead when the event is full and fallbackToInterested is set', async () => {
      const organizer = await newUser(deps);
      const event = await makeEvent(organizer, { capacity: 3 });
      const crowd = await people(10);
      const results = await Promise.all(crowd.map((p) => rsvp(deps, p.id, { event: event.id, status: 'going', fallbackToInterested: true })));
      expect(results.filter((r) => r.status === 'going')).toHaveLength(3);
      const fallen = results.filter((r) => r.status === 'interested');
      expect(fallen).toHaveLength(7);
      for (const r of fallen) expect(r).toMatchObject({ full: true, goingCount: 3, seatsLeft: 0 });
      expect(await statuses(event.id)).toEqual({ going: 3, interested: 7 });
    });

    it('frees the seat when someone changes from going to not going', async () => {
      const organizer = await newUser(deps);
      const event = await makeEvent(organizer, { capacity: 1 });
      const [ana, ben] = await people(2);
      expect(await rsvp(deps, ana!.id, { event: event.id, status: 'going' })).toMatchObject({ status: 'going', goingCount: 1, seatsLeft: 0, full: true });
      expect((await userError(rsvp(deps, ben!.id, { event: event.id, status: 'going' }))).code).toBe('event_full');
      expect(await rsvp(deps, ana!.id, { event: event.id, status: 'not_going' })).toMatchObject({ status: 'not_going', goingCount: 0, seatsLeft: 1, full: false });
      expect(await rsvp(deps, ben!.id, { event: event.id, status: 'going' })).toMatchObject({ status: 'going', goingCount: 1, seatsLeft: 0 });
      expect(await statuses(event.id)).toEqual({ going: 1, not_going: 1 });
    });

    it('keeps one row per person, stamps rsvp_at from the clock, and lets a going person repeat going when full', async () => {
      const organizer = await newUser(deps);
      const event = await makeEvent(organizer, { capacity: 1, title: `Pottery taster ${token()}` });
      const me = await newUser(deps);
      await rsvp(deps, me.id, { event: event.title, status: 'interested' });
      deps.clock.set('2026-06-02T08:00:00Z');
      await rsvp(deps, me.id, { event: event.id, status: 'going' });
      expect(await rsvp(deps, me.id, { event: event.id, status: 'going' })).toMatchObject({ status: 'going', goingCount: 1, seatsLeft: 0 });
      const rows = await sql<{ status: string; rsvp_at: Date }>(t.db, 'SELECT status, rsvp_at FROM event_attendees WHERE event_id = $1', [event.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).toBe('going');
      expect(new Date(rows[0]!.rsvp_at).toISOString()).toBe('2026-06-02T08:00:00.000Z');
      expect(await rsvp(deps, me.id, { event: event.id, status: 'going' })).toMatchObject({ seatsLeft: 0 });
    });

    it('refuses RSVPs to a cancelled or started event, and after the person attended', async () => {
      const organizer = await newUser(deps);
      const me = await newUser(deps);
      const cancelled = await makeEvent(organizer);
      await cancelEvent(deps, organizer.id, { event: cancelled.id });
      const gone = await userError(rsvp(deps, me.id, { event: cancelled.id, status: 'going' }));
      expect(gone.code).toBe('not_allowed');
      expect(gone.message).toMatch(/cancelled/);

      const started = await makeEvent(organizer, { date: '2026-06-02', time: '10:00' });
      deps.clock.set('2026-06-02T10:00:00Z');
      const late = await userError(rsvp(deps, me.id, { event: started.id, status: 'interested' }));
      expect(late.code).toBe('not_allowed');
      expect(late.message).toMatch(/That event has already started/);

      // Attendance can be recorded before the start by the Extrovertly app itself.
      deps.clock.set(BASE);
      const again = await makeEvent(organizer);
      await sql(t.db, "INSERT INTO event_attendees (event_id, user_id, status) VALUES ($1, $2, 'attended')", [again.id, me.id]);
      const twice = await userError(rsvp(deps, me.id, { event: again.id, status: 'going' }));
      expect(twice.code).toBe('invalid_transition');
      expect(await statuses(cancelled.id)).toEqual({});
    });

    it('refuses an unknown status or event', async () => {
      const organizer = await newUser(deps);
      const me = await newUser(deps);
      const event = await makeEvent(organizer);
      const bad = await userError(rsvp(deps, me.id, { event: event.id, status: 'maybe' as never }));
      expect(bad.code).toBe('invalid_input');
      expect(bad.message).toMatch(/^status: choose interested, going or not_going/);
      expect((await userError(rsvp(deps, me.id, { event: `nothing like this ${token()}`, status: 'going' }))).code).toBe('not_found');
    });
  });

  describe('attendance', () => {
    it("refuses before the start with too_early, naming the start in the person's own zone", async () => {
      const organizer = await newUser(deps);
      const me = await newUser(deps, { timezone: 'Europe/Berlin' });
      const event = await makeEvent(organizer, { timezone: 'America/New_York' }); // 23:00 UTC, 01:00 in Berlin next day
      deps.clock.set('2026-06-10T22:59:00Z');
      const error = await userError(markAttended(deps, me.id, { event: event.id }));
      expect(error.code).toBe('too_early');
      expect(error.message).toContain('Thu 11 Jun, 01:00 (Europe/Berlin)');
      expect(await statuses(event.id)).toEqual({});
    });

    it("marks attendance once after the start, on the person's local day, and awards Showed Up once", async () => {
      const organizer = await newUser(deps);
      const me = await newUser(deps, { timezone: 'America/Los_Angeles' });
      const first = await makeEvent(organizer, { timezone: 'America/New_York' }); // starts 23:00 UTC on 10 June
      const second = await makeEvent(organizer, { date: '2026-06-10', time: '20:00' });
      deps.clock.set('2026-06-11T03:00:00Z'); // 20:00 on 10 June in Los Angeles

      const result = await markAttended(deps, me.id, { event: first.id, rating: 5, feedback: '  Lovely people.  ' });
      expect(result.event.id).toBe(first.id);
      expect(result.newAchievements.map((a) => a.title)).toEqual(['Showed Up']);
      const [row] = await sql<{ status: string; attended_at: Date; rating: number; feedback: string }>(
        t.db,
        'SELECT status, attended_at, rating, feedback FROM event_attendees WHERE event_id = $1 AND user_id = $2',
        [first.id, me.id],
      );
      expect(row!.status).toBe('attended');
      expect(new Date(row!.attended_at).toISOString()).toBe('2026-06-11T03:00:00.000Z');
      expect(row!.rating).toBe(5);
      expect(row!.feedback).toBe('Lovely people.');

      const twice = await userError(markAttended(deps, me.id, { event: first.id }));
      expect(twice.code).toBe('invalid_transition');

      const next = await markAttended(deps, me.id, { event: second.id });
      expect(next.newAchievements.map((a) => a.title)).not.toContain('Showed Up');

      const progress = await sql<{ day: string; events_attended: number }>(
        t.db,
        'SELECT tracking_date::text AS day, events_attended FROM progress_tracking WHERE user_id = $1',
        [me.id],
      );
      expect(progress).toEqual([{ day: '2026-06-10', events_attended: 2 }]);
      const earned = await sql<{ n: number }>(
        t.db,
        "SELECT count(*)::int AS n FROM user_achievements ua JOIN achievements a ON a.id = ua.achievement_id WHERE ua.user_id = $1 AND a.title = 'Showed Up'",
        [me.id],
      );
      expect(earned[0]!.n).toBe(1);
    });

    it('turns a going RSVP into attendance, and counts two taps at once only once', async () => {
      const organizer = await newUser(deps);
      const me = await newUser(deps);
      const event = await makeEvent(organizer, { capacity: 2 });
      await rsvp(deps, me.id, { event: event.id, status: 'going' });
      deps.clock.set('2026-06-10T19:30:00Z');
      const results = await Promise.allSettled([markAttended(deps, me.id, { event: event.id }), markAttended(deps, me.id, { event: event.id })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((rejected.reason as UserError).code).toBe('invalid_transition');
      expect(await statuses(event.id)).toEqual({ attended: 1 });
      const [progress] = await sql<{ n: number }>(t.db, 'SELECT sum(events_attended)::int AS n FROM progress_tracking WHERE user_id = $1', [me.id]);
      expect(progress!.n).toBe(1);
    });

    it('validates rating and feedback, and refuses a cancelled event', async () => {
      const organizer = await newUser(deps);
      const me = await newUser(deps);
      const event = await makeEvent(organizer);
      const cancelled = await makeEvent(organizer);
      await cancelEvent(deps, organizer.id, { event: cancelled.id });
      deps.clock.set('2026-06-10T20:00:00Z');
      for (const [input, message] of [
        [{ rating: 6 }, /^rating: rate it with a whole number from 1 to 5/],
        [{ rating: 0 }, /^rating: /],
        [{ rating: 2.5 }, /^rating: /],
        [{ feedback: 'f'.repeat(2001) }, /^feedback: write at most 2,000 characters/],
      ] as const) {
        const error = await userError(markAttended(deps, me.id, { event: event.id, ...input }));
        expect(error.code).toBe('invalid_input');
        expect(error.message).toMatch(message);
      }
      expect((await userError(markAttended(deps, me.id, { event: cancelled.id }))).code).toBe('not_allowed');
      expect(await statuses(event.id)).toEqual({});
    });
  });

  describe('organizer changes', () => {
    it('lets only the organizer edit or cancel an event', async () => {
      const organizer = await newUser(deps);
      const other = await newUser(deps);
      const event = await makeEvent(organizer);
      const edit = await userError(updateEvent(deps, other.id, { event: event.id, title: 'Mine now' }));
      expect(edit.code).toBe('not_allowed');
      const cancel = await userError(cancelEvent(deps, other.id, { event: event.id }));
      expect(cancel.code).toBe('not_allowed');
      const [row] = await sql<{ title: string; is_active: boolean }>(t.db, 'SELECT title, is_active FROM events WHERE id = $1', [event.id]);
      expect(row).toEqual({ title: event.title, is_active: true });
    });

    it('updates fields with the same validation as create and keeps other social_context keys', async () => {
      const organizer = await newUser(deps);
      const event = await makeEvent(organizer, { capacity: 4 });
      await sql(t.db, `UPDATE events SET social_context = social_context || '{"source": "app"}'::jsonb WHERE id = $1`, [event.id]);
      deps.clock.set('2026-06-02T09:00:00Z');

      const updated = await updateEvent(deps, organizer.id, { event: event.id, time: '18:30', timezone: 'Europe/Berlin', capacity: null, location: 'Café Mondo' });
      expect(updated).toMatchObject({ time: '18:30', timezone: 'Europe/Berlin', capacity: null, location: 'Café Mondo', title: event.title });
      expect(updated.startsAt.toISOString()).toBe('2026-06-10T16:30:00.000Z');
      const [row] = await sql<{ social_context: unknown; max_attendees: number | null; updated_at: Date }>(
        t.db,
        'SELECT social_context, max_attendees, updated_at FROM events WHERE id = $1',
        [event.id],
      );
      expect(row!.social_context).toEqual({ timezone: 'Europe/Berlin', source: 'app' });
      expect(row!.max_attendees).toBeNull();
      expect(new Date(row!.updated_at).toISOString()).toBe('2026-06-02T09:00:00.000Z');

      for (const [input, message] of [
        [{ time: '25:00' }, /^time: use 24-hour HH:MM/],
        [{ date: '2026-06-01' }, /^date: .*already passed/],
        [{ capacity: 0 }, /^capacity: /],
        [{ title: 'x'.repeat(201) }, /^title: write at most 200 characters/],
        [{}, /tell me what to change/],
      ] as const) {
        const error = await userError(updateEvent(deps, organizer.id, { event: event.id, ...input }));
        expect(error.code).toBe('invalid_input');
        expect(error.message).toMatch(message);
      }
    });

    it('refuses to lower the capacity below the number of people going', async () => {
      const organizer = await newUser(deps);
      const event = await makeEvent(organizer, { capacity: 5 });
      for (const p of await people(3)) await rsvp(deps, p.id, { event: event.id, status: 'going' });
      const error = await userError(updateEvent(deps, organizer.id, { event: event.id, capacity: 2 }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toBe('capacity: 3 people are already going, so the capacity can be 3 or more');
      expect((await updateEvent(deps, organizer.id, { event: event.id, capacity: 3 })).capacity).toBe(3);
    });

    it('refuses to edit or cancel a cancelled or started event', async () => {
      const organizer = await newUser(deps);
      const cancelled = await makeEvent(organizer);
      await cancelEvent(deps, organizer.id, { event: cancelled.id });
      expect((await userError(updateEvent(deps, organizer.id, { event: cancelled.id, title: 'Back on' }))).code).toBe('not_allowed');
      expect((await userError(cancelEvent(deps, organizer.id, { event: cancelled.id }))).code).toBe('not_allowed');

      const past = await makeEvent(organizer, { date: '2026-06-02' });
      deps.clock.set('2026-06-03T00:00:00Z');
      const error = await userError(updateEvent(deps, organizer.id, { event: past.id, title: 'Renamed' }));
      expect(error.code).toBe('not_allowed');
      expect(error.message).toMatch(/already started/);
    });

    it('cancelling hides the event and returns the people who were going or interested', async () => {
      const organizer = await newUser(deps);
      const category = `cancel-${token()}`;
      const event = await makeEvent(organizer, { category });
      const [going, interested, notGoing] = await people(3);
      await rsvp(deps, going!.id, { event: event.id, status: 'going' });
      await rsvp(deps, interested!.id, { event: event.id, status: 'interested' });
      await rsvp(deps, notGoing!.id, { event: event.id, status: 'not_going' });
      await rsvp(deps, organizer.id, { event: event.id, status: 'going' });

      const result = await cancelEvent(deps, organizer.id, { event: event.id });
      expect(result.event.isActive).toBe(false);
      expect([...result.notifyUserIds].sort()).toEqual([going!.id, interested!.id].sort());
      const [row] = await sql<{ is_active: boolean }>(t.db, 'SELECT is_active FROM events WHERE id = $1', [event.id]);
      expect(row!.is_active).toBe(false);
      expect((await listUpcomingEvents(deps, going!.id, { category })).events).toEqual([]);
    });
  });
});
