/**
 * Events: low-pressure meetups people can create, find, RSVP to and mark as
 * attended. An event's wall time (`date` + `time`) is read in the organizer's
 * time zone, kept in `social_context.timezone`, so "19:00" means 19:00 where the
 * event happens whoever looks at it.
 */
import { z } from 'zod';
import type { Event } from '../generated/prisma/client.ts';
import type { EarnedAchievement } from './achievements.ts';
import { recordActivity } from './activity.ts';
import { inTransaction, type CoreDeps, type Tx } from './deps.ts';
import { UserError } from './errors.ts';
import { dateColumn, formatInstant, isValidTimezone, localDate, zonedTimeToInstant } from './time.ts';
import { getUser } from './users.ts';
import { parseInput } from './validate.ts';

export type ComfortLevel = 'low' | 'medium' | 'high';
export type AttendeeStatus = 'interested' | 'going' | 'not_going' | 'attended';

export interface EventView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Local date where the event happens, 'YYYY-MM-DD'. */
  readonly date: string;
  /** Local wall time, 'HH:MM'. */
  readonly time: string;
  readonly timezone: string;
  readonly startsAt: Date;
  readonly location: string | null;
  readonly category: string;
  readonly comfortLevel: string;
  /** `null` when there is no limit. */
  readonly capacity: number | null;
  readonly price: number;
  readonly tags: readonly string[];
  readonly imageUrl: string | null;
  readonly organizerId: string | null;
  readonly organizerName: string | null;
  readonly isActive: boolean;
}

export interface UpcomingEvent extends EventView {
  readonly goingCount: number;
  /** `null` when the event has no capacity limit. */
  readonly seatsLeft: number | null;
  /** The caller's own RSVP, `null` when they have none. */
  readonly myStatus: AttendeeStatus | null;
}

// ---------------------------------------------------------------------------
// Time

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = dateColumn(value);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The zone's canonical spelling ("europe/berlin" → "Europe/Berlin"), so Postgres and JS agree on it. */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/** The zone an event's wall time is in: `social_context.timezone`, UTC when missing or unknown. */
export function eventTimezone(socialContext: unknown): string {
  const tz = socialContext && typeof socialContext === 'object' ? (socialContext as Record<string, unknown>).timezone : undefined;
  return typeof tz === 'string' && tz.trim() !== '' && isValidTimezone(tz.trim()) ? tz.trim() : 'UTC';
}

function dateText(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

function timeText(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 5) : value.toISOString().slice(11, 16);
}

/** The instant an event starts: its `date` and `time` in `social_context.timezone` (UTC when missing). */
export function eventStartsAt(event: { readonly date: Date | string; readonly time: Date | string; readonly socialContext?: unknown }): Date {
  return zonedTimeToInstant(dateText(event.date), timeText(event.time), eventTimezone(event.socialContext));
}

function hasStarted(event: Parameters<typeof eventStartsAt>[0], now: Date): boolean {
  return eventStartsAt(event).getTime() <= now.getTime();
}

/** "Thu 11 Jun, 01:00 (Europe/Berlin)": a start time as the reader's clock shows it. */
function formatInZone(instant: Date, timezone: string): string {
  return `${formatInstant(instant, timezone)} (${timezone})`;
}

function toView(e: Event): EventView {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    date: dateText(e.date),
    time: timeText(e.time),
    timezone: eventTimezone(e.socialContext),
    startsAt: eventStartsAt(e),
    location: e.location,
    category: e.category,
    comfortLevel: e.comfortLevel,
    capacity: e.maxAttendees,
    price: Number(e.price ?? 0),
    tags: e.tags,
    imageUrl: e.imageUrl,
    organizerId: e.organizerId,
    organizerName: e.organizerName,
    isActive: e.isActive !== false,
  };
}

// ---------------------------------------------------------------------------
// Input fields, shared by create and update

const titleField = z
  .string({ error: 'give the event a short title' })
  .trim()
  .min(1, 'give the event a short title')
  .max(200, 'write at most 200 characters');
const descriptionField = z
  .string({ error: 'write a sentence or two about the event' })
  .trim()
  .min(1, 'write a sentence or two about the event')
  .max(4000, 'write at most 4,000 characters');
const dateField = z
  .string({ error: 'use a date like 2026-07-14' })
  .trim()
  .refine(isCalendarDate, 'use a real date written like 2026-07-14');
const timeField = z
  .string({ error: 'use 24-hour HH:MM, for example 08:30 or 19:00' })
  .trim()
  .regex(HHMM, 'use 24-hour HH:MM, for example 08:30 or 19:00');
const timezoneField = z
  .string({ error: 'use a time zone name like Europe/Berlin or America/New_York' })
  .trim()
  .refine(isValidTimezone, 'is not a time zone I know; use a name like Europe/Berlin or America/New_York')
  .transform(canonicalZone);
const locationField = z
  .string({ error: 'write where it happens, in words' })
  .trim()
  .max(500, 'write at most 500 characters')
  .transform((v) => v || null);
const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const categoryField = z
  .string({ error: 'use a short lowercase word like games or book-club' })
  .trim()
  .toLowerCase()
  .overwrite((v) => v.replace(/\s+/g, '-'))
  .min(1, 'use a short lowercase word like games or book-club')
  .max(100, 'write at most 100 characters')
  .regex(SLUG, 'use a short lowercase word like games or book-club (letters, digits and dashes)');
const comfortField = z.enum(['low', 'medium', 'high'], { error: 'choose low, medium or high' });
const capacityField = z.coerce
  .number({ error: 'use a whole number of people from 1 to 10,000' })
  .int('use a whole number of people from 1 to 10,000')
  .min(1, 'use a whole number of people from 1 to 10,000')
  .max(10_000, 'use a whole number of people from 1 to 10,000');
const priceField = z.coerce
  .number({ error: 'use an amount from 0 to 100,000, like 12.50' })
  .min(0, 'use an amount from 0 to 100,000, like 12.50')
  .max(100_000, 'use an amount from 0 to 100,000, like 12.50')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'use at most 2 decimals, like 12.50');
const tagsField = z
  .array(
    z.string({ error: 'each tag is a short word or phrase' }).trim().min(1, 'leave out empty tags').max(50, 'keep each tag to 50 characters'),
    { error: 'give tags as a list of short words' },
  )
  .max(10, 'add at most 10 tags')
  .transform((tags) => [...new Set(tags)]);
const imageUrlField = z
  .string({ error: 'use a link that starts with https://' })
  .trim()
  .max(500, 'use a link of at most 500 characters')
  .refine((v) => {
    try {
      const url = new URL(v);
      return url.protocol === 'https:' && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'use a link that starts with https://');
const eventRefField = z
  .string({ error: 'tell me which event, by its name or id' })
  .trim()
  .min(1, 'tell me which event, by its name or id')
  .max(200, 'use the event name (at most 200 characters) or its id');

function priceColumn(price: number): string {
  return price.toFixed(2);
}

function mustStartInFuture(deps: CoreDeps, date: string, time: string, timezone: string): Date {
  const startsAt = zonedTimeToInstant(date, time, timezone);
  if (startsAt.getTime() <= deps.clock.now().getTime()) {
    throw new UserError(
      'invalid_input',
      `date: ${date} at ${time} has already passed in ${timezone}; pick a day and time that is still to come`,
    );
  }
  return startsAt;
}

// ---------------------------------------------------------------------------
// Create

const createInput = z
  .object({
    title: titleField,
    description: descriptionField,
    date: dateField,
    time: timeField,
    timezone: timezoneField.optional(),
    location: locationField.nullish(),
    category: categoryField,
    comfortLevel: comfortField.default('low'),
    capacity: capacityField.nullish(),
    price: priceField.optional(),
    tags: tagsField.optional(),
    imageUrl: imageUrlField.nullish(),
  })
  .strict();

export type CreateEventInput = z.input<typeof createInput>;

/** A new event by `organizerId`, in their time zone unless `timezone` says otherwise. */
export async function createEvent(deps: CoreDeps, organizerId: string, input: CreateEventInput): Promise<EventView> {
  const data = parseInput(createInput, input);
  const organizer = await getUser(deps, organizerId);
  const timezone = data.timezone ?? organizer.settings.timezone;
  mustStartInFuture(deps, data.date, data.time, timezone);
  const now = deps.clock.now();
  const event = await deps.db.prisma.event.create({
    data: {
      title: data.title,
      description: data.description,
      date: dateColumn(data.date),
      time: new Date(`1970-01-01T${data.time}:00.000Z`),
      location: data.location ?? null,
      category: data.category,
      comfortLevel: data.comfortLevel,
      maxAttendees: data.capacity ?? null,
      price: priceColumn(data.price ?? 0),
      organizerId,
      organizerName: organizer.displayName.slice(0, 200),
      socialContext: { timezone },
      tags: data.tags ?? [],
      imageUrl: data.imageUrl ?? null,
      isActive: true,
      createdAt: now,
      updatedAt: now,
    },
  });
  return toView(event);
}

// ---------------------------------------------------------------------------
// Finding events

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * An event by id, or by title: an exact (case-insensitive) title first, else a
 * title containing `ref`. When several match, a single active one wins; otherwise
 * the person is asked to pick, since guessing could RSVP them to the wrong night.
 */
export async function findEvent(deps: CoreDeps, ref: string): Promise<EventView> {
  return toView(await findEventRow(deps, ref));
}

async function findEventRow(deps: CoreDeps, ref: string): Promise<Event> {
  const text = parseInput(eventRefField, ref);
  const prisma = deps.db.prisma;
  if (UUID.test(text)) {
    const byId = await prisma.event.findUnique({ where: { id: text.toLowerCase() } });
    if (byId) return byId;
  } else {
    const exact = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT id::text AS id FROM events WHERE lower(title) = lower(${text}) ORDER BY date DESC, time DESC LIMIT 10`;
    const candidates = exact.length
      ? exact
      : await prisma.$queryRaw<Array<{ id: string }>>`
          SELECT id::text AS id FROM events WHERE title ILIKE ${likePattern(text)} ORDER BY date DESC, time DESC LIMIT 10`;
    if (candidates.length) {
      const rows = await prisma.event.findMany({ where: { id: { in: candidates.map((c) => c.id) } }, orderBy: [{ date: 'asc' }, { time: 'asc' }] });
      if (rows.length === 1) return rows[0]!;
      const active = rows.filter((r) => r.isActive !== false);
      if (active.length === 1) return active[0]!;
      const listed = (active.length ? active : rows)
        .slice(0, 5)
        .map((r) => `“${r.title}” (${dateText(r.date)} ${timeText(r.time)})`)
        .join(', ');
      throw new UserError('invalid_input', `event: several events match “${text}”: ${listed}. Pick one from the suggestions so I get the right one.`);
    }
  }
  throw new UserError('not_found', `I could not find an event matching “${text}”. Have a look at the upcoming events and pick one from there.`);
}

const searchInput = z.object({
  query: z.string({ error: 'type part of an event name' }).trim().max(200, 'type at most 200 characters'),
  limit: z.coerce
    .number({ error: 'ask for 1 to 25 results' })
    .int('ask for 1 to 25 results')
    .min(1, 'ask for 1 to 25 results')
    .max(25, 'ask for 1 to 25 results')
    .default(10),
});

/**
 * Autocomplete: active events that have not started whose title contains `query`,
 * titles starting with it first, then the soonest.
 */
export async function searchEvents(deps: CoreDeps, query: string, limit = 10): Promise<EventView[]> {
  const input = parseInput(searchInput, { query, limit });
  const now = deps.clock.now();
  const rows = await deps.db.prisma.$queryRaw<Array<{ id: string }>>`
    SELECT e.id::text AS id
      FROM events e
     CROSS JOIN LATERAL (SELECT (e.date + e.time) AT TIME ZONE companion_user_timezone(e.social_context) AS starts_at) s
     WHERE COALESCE(e.is_active, TRUE)
       AND e.date >= ${earliestUpcomingDate(now)}::date
       AND s.starts_at > ${now}
       AND e.title ILIKE ${likePattern(input.query)}
     ORDER BY (e.title ILIKE ${`${input.query.replace(/[\\%_]/g, '\\$&')}%`}) DESC, s.starts_at, e.title, e.id
     LIMIT ${input.limit}`;
  return (await eventsInOrder(deps, rows.map((r) => r.id))).map(toView);
}

/** No event that is still to come can have a local date before this: no zone is more than a day behind UTC. */
function earliestUpcomingDate(now: Date): string {
  return localDate(new Date(now.getTime() - 86_400_000), 'UTC');
}

async function eventsInOrder(deps: CoreDeps, ids: readonly string[]): Promise<Event[]> {
  if (ids.length === 0) return [];
  const rows = await deps.db.prisma.event.findMany({ where: { id: { in: [...ids] } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

// ---------------------------------------------------------------------------
// Listing

const listInput = z
  .object({
    category: categoryField.optional(),
    comfortLevel: comfortField.optional(),
    from: dateField.optional(),
    to: dateField.optional(),
    limit: z.coerce
      .number({ error: 'show 1 to 25 events at a time' })
      .int('show 1 to 25 events at a time')
      .min(1, 'show 1 to 25 events at a time')
      .max(25, 'show 1 to 25 events at a time')
      .default(10),
    offset: z.coerce
      .number({ error: 'use a whole number of events to skip, 0 or more' })
      .int('use a whole number of events to skip, 0 or more')
      .min(0, 'use a whole number of events to skip, 0 or more')
      .max(10_000, 'skip at most 10,000 events')
      .default(0),
  })
  .strict()
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'pick a date on or before “to”', path: ['from'] });

export type ListEventsInput = z.input<typeof listInput>;

export interface UpcomingEventsPage {
  readonly events: readonly UpcomingEvent[];
  readonly hasMore: boolean;
}

/**
 * Active events that have not started yet, soonest first, with how many are
 * going, the seats left and the caller's own RSVP. `from`/`to` are dates as the
 * event's own calendar shows them.
 */
export async function listUpcomingEvents(deps: CoreDeps, userId: string, input: ListEventsInput = {}): Promise<UpcomingEventsPage> {
  const filter = parseInput(listInput, input);
  const now = deps.clock.now();
  const rows = await deps.db.prisma.$queryRaw<Array<{ id: string; going: number; mine: string | null }>>`
    SELECT e.id::text AS id,
           (SELECT count(*) FROM event_attendees a WHERE a.event_id = e.id AND a.status = 'going')::int AS going,
           me.status AS mine
      FROM events e
     CROSS JOIN LATERAL (SELECT (e.date + e.time) AT TIME ZONE companion_user_timezone(e.social_context) AS starts_at) s
      LEFT JOIN event_attendees me ON me.event_id = e.id AND me.user_id = ${userId}::uuid
     WHERE COALESCE(e.is_active, TRUE)
       AND e.date >= ${earliestUpcomingDate(now)}::date
       AND s.starts_at > ${now}
       AND (${filter.category ?? null}::text IS NULL OR e.category = ${filter.category ?? null}::text)
       AND (${filter.comfortLevel ?? null}::text IS NULL OR e.comfort_level = ${filter.comfortLevel ?? null}::text)
       AND (${filter.from ?? null}::date IS NULL OR e.date >= ${filter.from ?? null}::date)
       AND (${filter.to ?? null}::date IS NULL OR e.date <= ${filter.to ?? null}::date)
     ORDER BY s.starts_at, e.title, e.id
     LIMIT ${filter.limit + 1} OFFSET ${filter.offset}`;
  const page = rows.slice(0, filter.limit);
  const events = await eventsInOrder(
    deps,
    page.map((r) => r.id),
  );
  const extra = new Map(page.map((r) => [r.id, r]));
  return {
    events: events.map((e): UpcomingEvent => {
      const { going, mine } = extra.get(e.id)!;
      return {
        ...toView(e),
        goingCount: going,
        seatsLeft: e.maxAttendees === null ? null : Math.max(0, e.maxAttendees - going),
        myStatus: (mine as AttendeeStatus | null) ?? null,
      };
    }),
    hasMore: rows.length > filter.limit,
  };
}

// ---------------------------------------------------------------------------
// RSVP

/**
 * Locks the event's row for the rest of the transaction, so capacity checks and
 * changes to the event happen one at a time, and reads it afresh.
 */
async function lockEvent(tx: Tx, eventId: string): Promise<Event> {
  await tx.$queryRaw`SELECT id FROM events WHERE id = ${eventId}::uuid FOR UPDATE`;
  const event = await tx.event.findUnique({ where: { id: eventId } });
  if (!event) throw new UserError('not_found', 'That event is no longer listed.');
  return event;
}

function goingCount(tx: Tx, eventId: string): Promise<number> {
  return tx.eventAttendee.count({ where: { eventId, status: 'going' } });
}

const rsvpInput = z
  .object({
    event: eventRefField,
    status: z.enum(['interested', 'going', 'not_going'], { error: 'choose interested, going or not_going' }),
    fallbackToInterested: z.boolean({ error: 'use true or false' }).default(false),
  })
  .strict();

export type RsvpInput = z.input<typeof rsvpInput>;

export interface RsvpResult {
  readonly event: EventView;
  readonly status: 'interested' | 'going' | 'not_going';
  readonly goingCount: number;
  /** `null` when the event has no capacity limit. */
  readonly seatsLeft: number | null;
  /** Whether every seat is taken now (always true when a full event made this RSVP 'interested'). */
  readonly full: boolean;
}

/**
 * Sets the caller's RSVP. 'going' takes a seat when the event has a capacity:
 * under the event's row lock the seats are counted, so however many people say
 * yes at once, no more than `max_attendees` are going.
 */
export async function rsvp(deps: CoreDeps, userId: string, input: RsvpInput): Promise<RsvpResult> {
  const request = parseInput(rsvpInput, input);
  const found = await findEventRow(deps, request.event);
  return inTransaction(deps, async (tx) => {
    const event = await lockEvent(tx, found.id);
    const now = deps.clock.now();
    if (event.isActive === false) {
      throw new UserError('not_allowed', `“${event.title}” was cancelled by its organizer, so it is not taking RSVPs. There are more events to explore.`);
    }
    if (hasStarted(event, now)) {
      throw new UserError('not_allowed', `That event has already started, so RSVPs are closed. If you went, you can mark it as attended.`);
    }
    const current = await tx.eventAttendee.findUnique({ where: { eventId_userId: { eventId: event.id, userId } } });
    if (current?.status === 'attended') {
      throw new UserError('invalid_transition', `You already went to “${event.title}”, so there is nothing left to RSVP.`);
    }

    let status = request.status;
    let going = await goingCount(tx, event.id);
    if (status === 'going' && current?.status !== 'going' && event.maxAttendees !== null && going >= event.maxAttendees) {
      if (!request.fallbackToInterested) {
        throw new UserError(
          'event_full',
          `“${event.title}” is full right now. You could mark yourself as interested instead, and keep an eye out in case a seat frees up.`,
        );
      }
      status = 'interested';
    }

    if (current?.status !== status) {
      await tx.eventAttendee.upsert({
        where: { eventId_userId: { eventId: event.id, userId } },
        create: { eventId: event.id, userId, status, rsvpAt: now },
        update: { status, rsvpAt: now },
      });
      going = await goingCount(tx, event.id);
    }
    const seatsLeft = event.maxAttendees === null ? null : Math.max(0, event.maxAttendees - going);
    return { event: toView(event), status, goingCount: going, seatsLeft, full: seatsLeft === 0 };
  });
}

// ---------------------------------------------------------------------------
// Attendance

const attendInput = z
  .object({
    event: eventRefField,
    rating: z.coerce
      .number({ error: 'rate it with a whole number from 1 to 5' })
      .int('rate it with a whole number from 1 to 5')
      .min(1, 'rate it with a whole number from 1 to 5')
      .max(5, 'rate it with a whole number from 1 to 5')
      .optional(),
    feedback: z
      .string({ error: 'write your thoughts as text' })
      .trim()
      .max(2000, 'write at most 2,000 characters')
      .transform((v) => v || undefined)
      .optional(),
  })
  .strict();

export type MarkAttendedInput = z.input<typeof attendInput>;

export interface MarkAttendedResult {
  readonly event: EventView;
  readonly newAchievements: readonly EarnedAchievement[];
}

/** Records that the caller went, once the event has begun, whether or not they RSVPed. Counts toward their progress. */
export async function markAttended(deps: CoreDeps, userId: string, input: MarkAttendedInput): Promise<MarkAttendedResult> {
  const request = parseInput(attendInput, input);
  const user = await getUser(deps, userId);
  const event = await findEventRow(deps, request.event);
  const now = deps.clock.now();
  if (event.isActive === false) {
    throw new UserError('not_allowed', `“${event.title}” was cancelled, so there is no attendance to record.`);
  }
  const startsAt = eventStartsAt(event);
  if (startsAt.getTime() > now.getTime()) {
    throw new UserError(
      'too_early',
      `“${event.title}” starts ${formatInZone(startsAt, user.settings.timezone)}. Come back once it has begun to mark it as attended.`,
    );
  }
  const day = localDate(now, user.settings.timezone);
  return inTransaction(deps, async (tx) => {
    // Atomic, so two taps on "I went" count once.
    const marked = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO event_attendees (event_id, user_id, status, rsvp_at, attended_at, rating, feedback)
      VALUES (${event.id}::uuid, ${userId}::uuid, 'attended', ${now}, ${now}, ${request.rating ?? null}::int, ${request.feedback ?? null}::text)
      ON CONFLICT (event_id, user_id) DO UPDATE
         SET status = 'attended', attended_at = EXCLUDED.attended_at,
             rating = COALESCE(EXCLUDED.rating, event_attendees.rating),
             feedback = COALESCE(EXCLUDED.feedback, event_attendees.feedback)
       WHERE event_attendees.status IS DISTINCT FROM 'attended'
      RETURNING id::text AS id`;
    if (marked.length === 0) {
      throw new UserError('invalid_transition', `You already marked “${event.title}” as attended. Thank you for going!`);
    }
    const { newAchievements } = await recordActivity(tx, userId, day, { eventsAttended: 1 }, now);
    return { event: toView(event), newAchievements };
  });
}

// ---------------------------------------------------------------------------
// Organizer: edit and cancel

async function organizersEvent(deps: CoreDeps, userId: string, ref: string, doing: string): Promise<Event> {
  const event = await findEventRow(deps, ref);
  if (event.organizerId !== userId) {
    throw new UserError('not_allowed', `Only the organizer of “${event.title}” can ${doing} it.`);
  }
  return event;
}

/** The organizer's event may still change: it is listed and has not begun. */
function mustBeChangeable(event: Event, now: Date, doing: string): void {
  if (event.isActive === false) {
    throw new UserError('not_allowed', `“${event.title}” is already cancelled, so it cannot be ${doing}.`);
  }
  if (hasStarted(event, now)) {
    throw new UserError('not_allowed', `“${event.title}” has already started, so it cannot be ${doing}.`);
  }
}

const updateInput = z
  .object({
    event: eventRefField,
    title: titleField.optional(),
    description: descriptionField.optional(),
    date: dateField.optional(),
    time: timeField.optional(),
    timezone: timezoneField.optional(),
    location: locationField.nullish(),
    category: categoryField.optional(),
    comfortLevel: comfortField.optional(),
    /** `null` removes the limit. */
    capacity: capacityField.nullish(),
    price: priceField.optional(),
    tags: tagsField.optional(),
    imageUrl: imageUrlField.nullish(),
  })
  .strict()
  .refine((v) => Object.entries(v).some(([key, value]) => key !== 'event' && value !== undefined), {
    message: 'tell me what to change, for example the time, the place or the capacity',
  });

export type UpdateEventInput = z.input<typeof updateInput>;

/** Changes the organizer's upcoming event. Capacity never drops below the people already going. */
export async function updateEvent(deps: CoreDeps, userId: string, input: UpdateEventInput): Promise<EventView> {
  const change = parseInput(updateInput, input);
  const found = await organizersEvent(deps, userId, change.event, 'change');
  mustBeChangeable(found, deps.clock.now(), 'changed');
  return inTransaction(deps, async (tx) => {
    const event = await lockEvent(tx, found.id);
    const now = deps.clock.now();
    mustBeChangeable(event, now, 'changed');

    const date = change.date ?? dateText(event.date);
    const time = change.time ?? timeText(event.time);
    const timezone = change.timezone ?? eventTimezone(event.socialContext);
    if (change.date !== undefined || change.time !== undefined || change.timezone !== undefined) {
      mustStartInFuture(deps, date, time, timezone);
    }
    if (typeof change.capacity === 'number') {
      const going = await goingCount(tx, event.id);
      if (going > change.capacity) {
        throw new UserError(
          'invalid_input',
          `capacity: ${going} ${going === 1 ? 'person is' : 'people are'} already going, so the capacity can be ${going} or more`,
        );
      }
    }
    const context = event.socialContext && typeof event.socialContext === 'object' && !Array.isArray(event.socialContext) ? event.socialContext : {};
    const updated = await tx.event.update({
      where: { id: event.id },
      data: {
        ...(change.title !== undefined && { title: change.title }),
        ...(change.description !== undefined && { description: change.description }),
        ...(change.date !== undefined && { date: dateColumn(change.date) }),
        ...(change.time !== undefined && { time: new Date(`1970-01-01T${change.time}:00.000Z`) }),
        ...(change.timezone !== undefined && { socialContext: { ...(context as Record<string, unknown>), timezone: change.timezone } as object }),
        ...(change.location !== undefined && { location: change.location }),
        ...(change.category !== undefined && { category: change.category }),
        ...(change.comfortLevel !== undefined && { comfortLevel: change.comfortLevel }),
        ...(change.capacity !== undefined && { maxAttendees: change.capacity }),
        ...(change.price !== undefined && { price: priceColumn(change.price) }),
        ...(change.tags !== undefined && { tags: change.tags }),
        ...(change.imageUrl !== undefined && { imageUrl: change.imageUrl }),
        updatedAt: now,
      },
    });
    return toView(updated);
  });
}

const cancelInput = z.object({ event: eventRefField }).strict();

export type CancelEventInput = z.input<typeof cancelInput>;

export interface CancelEventResult {
  readonly event: EventView;
  /** People other than the organizer who were going or interested, to let them know. */
  readonly notifyUserIds: readonly string[];
}

/** Cancels the organizer's upcoming event; it stops being listed and taking RSVPs. */
export async function cancelEvent(deps: CoreDeps, userId: string, input: CancelEventInput): Promise<CancelEventResult> {
  const request = parseInput(cancelInput, input);
  const found = await organizersEvent(deps, userId, request.event, 'cancel');
  mustBeChangeable(found, deps.clock.now(), 'cancelled');
  return inTransaction(deps, async (tx) => {
    const event = await lockEvent(tx, found.id);
    const now = deps.clock.now();
    mustBeChangeable(event, now, 'cancelled');
    const updated = await tx.event.update({ where: { id: event.id }, data: { isActive: false, updatedAt: now } });
    const attendees = await tx.eventAttendee.findMany({
      where: { eventId: event.id, status: { in: ['going', 'interested'] }, userId: { not: userId } },
      select: { userId: true },
      orderBy: { rsvpAt: 'asc' },
    });
    return { event: toView(updated), notifyUserIds: attendees.flatMap((a) => (a.userId ? [a.userId] : [])) };
  });
}
