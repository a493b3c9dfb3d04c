/** `event list|create|rsvp|attended|cancel`: low-pressure meetups. */
import { cancelEvent, createEvent, listUpcomingEvents, markAttended, rsvp, type EventView, type UpcomingEvent } from '../src/core/events.ts';
import { privateReply, type ReplyAction } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { action, celebrating, commandText, field, formatInstant, padTime, plural, truncate, withOptionNames } from './format.ts';
import { choice, decimal, integer, text } from './options.ts';

const MAX_BUTTONS = 5;
const COMFORT = ['low', 'medium', 'high'] as const;
/** The service needs a category; most meetups made from chat are simply social. */
const DEFAULT_CATEGORY = 'social';
/** Service field names → the option names people type. */
const OPTION_NAMES = { comfortLevel: 'comfort' } as const;

const eventOption = () => text({ description: 'The event: its name, or pick one from the list', maxLength: 200, autocomplete: 'event', required: true });

/** Events are found by id in typed commands too: titles of regular meetups repeat. */
function rsvpAction(e: Pick<EventView, 'id' | 'title'>, label: string, status?: 'interested'): ReplyAction {
  return action('event', 'rsvp', e.id, label, commandText('event', 'rsvp', { event: e.id, ...(status ? { status } : {}) }), 'primary');
}

function when(e: EventView, timezone: string): string {
  const local = formatInstant(e.startsAt, timezone);
  return e.timezone === timezone ? local : `${local} your time (${e.time} ${e.timezone})`;
}

function summary(e: UpcomingEvent, timezone: string): string {
  const parts = [when(e, timezone), e.location, `${e.comfortLevel} pressure`, e.price > 0 ? `price ${e.price.toFixed(2)}` : 'free'];
  const going = `${plural(e.goingCount, 'person', 'people')} going${e.seatsLeft !== null ? `, ${plural(e.seatsLeft, 'seat')} left` : ''}`;
  const mine = e.myStatus === 'going' ? "You're going ✓" : e.myStatus === 'interested' ? "You're interested" : undefined;
  return [parts.filter(Boolean).join(' · '), going, mine, truncate(e.description, 200)].filter(Boolean).join('\n');
}

const list = defineLeaf({
  name: 'list',
  description: 'Upcoming events, soonest first',
  options: {
    category: text({ description: 'Only this category, like games or book-club', maxLength: 100 }),
    comfort: choice({ description: 'Only this comfort level', values: COMFORT }),
    from: text({ description: 'From this date (YYYY-MM-DD)', maxLength: 10 }),
    to: text({ description: 'Up to this date (YYYY-MM-DD)', maxLength: 10 }),
  },
  example: 'event list comfort:low',
  async handler(ctx, { category, comfort, from, to }) {
    const page = await withOptionNames(OPTION_NAMES, () => listUpcomingEvents(ctx.deps, ctx.user.id, { category, comfortLevel: comfort, from, to }));
    if (page.events.length === 0) {
      const filtered = category || comfort || from || to;
      return privateReply(
        filtered
          ? 'Nothing matches those filters right now. Try a wider range, or host something small yourself with event create.'
          : 'No upcoming events yet. You could be the first: event create.',
        { title: 'Upcoming events' },
      );
    }
    const tz = ctx.user.settings.timezone;
    const open = page.events.filter((e) => e.myStatus !== 'going' && e.seatsLeft !== 0).slice(0, MAX_BUTTONS);
    return privateReply(
      `${plural(page.events.length, 'event')} coming up${page.hasMore ? ', and more after these (narrow it down with from, to or category)' : ''}. Going with low pressure is still going.`,
      {
        title: 'Upcoming events',
        fields: page.events.map((e) => field(e.title, summary(e, tz))),
        ...(open.length ? { actions: open.map((e) => rsvpAction(e, `Going: ${e.title}`)) } : {}),
      },
    );
  },
});

const create = defineLeaf({
  name: 'create',
  description: 'Host an event',
  options: {
    title: text({ description: 'A short title', maxLength: 200, required: true }),
    date: text({ description: 'The day (YYYY-MM-DD)', maxLength: 10, required: true }),
    time: text({ description: 'Start time, 24-hour HH:MM', maxLength: 5, required: true }),
    description: text({ description: 'What it is and what to expect', maxLength: 4000, required: true }),
    location: text({ description: 'Where it happens', maxLength: 500 }),
    category: text({ description: `A short word like games or book-club (default ${DEFAULT_CATEGORY})`, maxLength: 100 }),
    comfort: choice({ description: 'How low-pressure it is (default low)', values: COMFORT }),
    capacity: integer({ description: 'How many people can come', min: 1, max: 10_000 }),
    price: decimal({ description: 'Price, 0 for free', min: 0, max: 100_000 }),
    timezone: text({ description: 'Time zone of the date and time, like Europe/Berlin (default yours)', maxLength: 64 }),
  },
  textOption: 'description',
  example: 'event create title:"Board games night" date:2030-07-14 time:19:00 location:"Cafe Luna" A relaxed evening of easy games',
  async handler(ctx, o) {
    const event = await withOptionNames(OPTION_NAMES, () =>
      createEvent(ctx.deps, ctx.user.id, {
        title: o.title,
        date: o.date,
        time: padTime(o.time),
        description: o.description,
        location: o.location,
        category: o.category ?? DEFAULT_CATEGORY,
        comfortLevel: o.comfort,
        capacity: o.capacity,
        price: o.price,
        timezone: o.timezone,
      }),
    );
    const fields = [
      field('When', when(event, ctx.user.settings.timezone)),
      ...(event.location ? [field('Where', event.location)] : []),
      field('Details', [event.category, `${event.comfortLevel} pressure`, event.capacity ? `up to ${event.capacity} people` : 'no limit', event.price > 0 ? `price ${event.price.toFixed(2)}` : 'free'].join(' · ')),
    ];
    return privateReply(`“${event.title}” is listed. Thank you for making a space for people to meet.`, {
      title: 'Event created',
      fields,
      actions: [rsvpAction(event, "I'm going too")],
    });
  },
});

const rsvpLeaf = defineLeaf({
  name: 'rsvp',
  description: "Say whether you're going",
  options: {
    event: eventOption(),
    status: choice({ description: 'going (default), interested or not_going', values: ['going', 'interested', 'not_going'] }),
  },
  textOption: 'event',
  example: 'event rsvp event:"Board games night" status:interested',
  async handler(ctx, { event: ref, status = 'going' }) {
    const result = await rsvp(ctx.deps, ctx.user.id, { event: ref, status });
    const at = when(result.event, ctx.user.settings.timezone);
    const seats = result.seatsLeft === null ? '' : result.full ? ' That was the last seat.' : ` ${plural(result.seatsLeft, 'seat')} left.`;
    const text =
      result.status === 'going'
        ? `You're going to “${result.event.title}”, ${at}.${seats} Showing up is the brave part; the rest can be easy.`
        : result.status === 'interested'
          ? `Marked as interested in “${result.event.title}”, ${at}. No commitment; decide when you're ready.`
          : `Got it, you're not going to “${result.event.title}”. No worries, there will be others.`;
    return privateReply(text, { title: 'RSVP saved' });
  },
});

const attended = defineLeaf({
  name: 'attended',
  description: 'Mark an event you went to',
  options: {
    event: eventOption(),
    rating: integer({ description: 'How it was, 1 to 5', min: 1, max: 5 }),
    feedback: text({ description: 'A few words about it', maxLength: 2000 }),
  },
  textOption: 'event',
  example: 'event attended event:"Board games night" rating:5 feedback:"Everyone was kind"',
  async handler(ctx, { event: ref, rating, feedback }) {
    const result = await markAttended(ctx.deps, ctx.user.id, { event: ref, rating, feedback });
    return privateReply(`You went to “${result.event.title}”, ${ctx.user.firstName}. However it felt, you showed up, and that counts.`, {
      title: 'Attendance saved',
      ...celebrating(result.newAchievements),
    });
  },
});

const cancel = defineLeaf({
  name: 'cancel',
  description: 'Cancel an event you organise',
  options: { event: eventOption() },
  textOption: 'event',
  example: 'event cancel event:"Board games night"',
  async handler(ctx, { event: ref }) {
    const result = await cancelEvent(ctx.deps, ctx.user.id, { event: ref });
    const people = result.notifyUserIds.length;
    return privateReply(
      `“${result.event.title}” is cancelled: it is no longer listed or taking RSVPs.${people ? ` ${plural(people, 'person', 'people')} had said they'd come or were interested.` : ''} Plans change; thank you for hosting.`,
      { title: 'Event cancelled' },
    );
  },
});

export const event = defineCommand({
  name: 'event',
  description: 'Low-pressure events: find one, RSVP, host your own',
  subcommands: [list, create, rsvpLeaf, attended, cancel],
});
