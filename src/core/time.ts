/** Calendar arithmetic in a person's time zone. Dates are 'YYYY-MM-DD' strings unless a Date is needed for Prisma. */
import { isValidTimezone } from '../config.ts';

export { isValidTimezone };

// Building an Intl.DateTimeFormat costs far more than using one; zones are few, so keep them.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timezone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(timezone);
  if (!format) {
    format = make();
    cache.set(timezone, format);
  }
  return format;
}

/** The calendar date of `instant` in `timezone`, as 'YYYY-MM-DD'. */
export function localDate(instant: Date, timezone: string): string {
  const parts = cached(dateFormats, timezone, () =>
    new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A 'YYYY-MM-DD' date as the UTC-midnight Date Prisma uses for `@db.Date` columns. */
export function dateColumn(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = dateColumn(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the ISO week holding `date`. */
export function weekStart(date: string): string {
  const weekday = (dateColumn(date).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** The instant at which local wall time `date` `time` ('HH:MM') happens in `timezone`. */
export function zonedTimeToInstant(date: string, time: string, timezone: string): Date {
  const wall = Date.parse(`${date}T${time}:00.000Z`);
  // Iterate on the zone's offset: two rounds settle it, including across DST changes.
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - offsetMs(new Date(guess), timezone);
  return new Date(guess);
}

function offsetMs(instant: Date, timezone: string): number {
  const parts = cached(dateTimeFormats, timezone, () =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }),
  ).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as the reader's clock shows it: "Tue 14 Jul, 19:00". */
export function formatInstant(instant: Date, timezone: string): string {
  return cached(instantFormats, timezone, () =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
  ).format(instant);
}
