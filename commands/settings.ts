/** `settings`: time zone, reminder time, nudges, quiet hours and snooze. No options shows them. */
import { UserError } from '../src/core/errors.ts';
import { addDays, localDate } from '../src/core/time.ts';
import { updateSettings, type Settings, type SettingsUpdate } from '../src/core/users.ts';
import { privateReply, type ReplyField } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { field, formatDay, formatInstant, padTime, plural, withOptionNames } from './format.ts';
import { flag, text } from './options.ts';

/** Service field names → the option names people type. */
const OPTION_NAMES = { reminderTime: 'reminder_time', quietHours: 'quiet_hours', snoozeUntil: 'snooze' } as const;
const OFF = new Set(['off', 'none', 'no', 'stop', 'resume']);
const MAX_SNOOZE_DAYS = 365;

/** "22:00-07:00" → { start, end }; "off" → null. */
export function parseQuietHours(input: string): { start: string; end: string } | null {
  if (OFF.has(input.toLowerCase())) return null;
  const match = /^(\d{1,2}:\d{2})\s*(?:-|–|to)\s*(\d{1,2}:\d{2})$/i.exec(input.trim());
  if (!match) throw new UserError('invalid_input', 'quiet_hours: write it like 22:00-07:00, or off');
  return { start: padTime(match[1]!), end: padTime(match[2]!) };
}

/** A date, a number of days from today ("3" pauses today and the next 2 days), or "off". */
export function parseSnooze(input: string, today: string): string | null {
  const value = input.trim().toLowerCase();
  if (OFF.has(value)) return null;
  if (/^\d+$/.test(value)) {
    const days = Number(value);
    if (days < 1 || days > MAX_SNOOZE_DAYS) throw new UserError('invalid_input', `snooze: use a number of days from 1 to ${MAX_SNOOZE_DAYS}, a date like 2030-07-14, or off`);
    return addDays(today, days - 1);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new UserError('invalid_input', 'snooze: use a number of days like 3, a date like 2030-07-14, or off');
}

function settingsFields(s: Settings, now: Date): ReplyField[] {
  return [
    field('Time zone', `${s.timezone}${s.timezoneIsDefault ? ' (the default; set yours with settings timezone:Europe/Berlin)' : ''}. Your time now: ${formatInstant(now, s.timezone)}`),
    field('Reminder time', s.reminderTime, true),
    field('Nudges', s.nudges ? 'on' : 'off', true),
    field('Quiet hours', s.quietHours ? `${s.quietHours.start}-${s.quietHours.end}` : 'off', true),
    field('Snoozed', s.snoozeUntil ? `through ${formatDay(s.snoozeUntil)}` : 'no', true),
  ];
}

export const settings = defineCommand({
  name: 'settings',
  description: 'Time zone, reminders, nudges, quiet hours, snooze',
  leaf: defineLeaf({
    name: 'settings',
    description: 'Time zone, reminders, nudges, quiet hours, snooze',
    options: {
      timezone: text({ description: 'Your time zone, like Europe/Berlin', maxLength: 64 }),
      reminder_time: text({ description: 'When to remind you, 24-hour HH:MM', maxLength: 5 }),
      nudges: flag({ description: 'Gentle reminders and nudges on or off' }),
      quiet_hours: text({ description: 'No messages between, like 22:00-07:00, or off', maxLength: 20 }),
      snooze: text({ description: 'Pause reminders: days like 3, a date YYYY-MM-DD, or off', maxLength: 10 }),
    },
    example: 'settings timezone:Europe/Berlin reminder_time:20:30 quiet_hours:22:00-07:00',
    async handler(ctx, o) {
      const change: SettingsUpdate = {};
      if (o.timezone !== undefined) change.timezone = o.timezone;
      if (o.reminder_time !== undefined) change.reminderTime = padTime(o.reminder_time);
      if (o.nudges !== undefined) change.nudges = o.nudges;
      if (o.quiet_hours !== undefined) change.quietHours = parseQuietHours(o.quiet_hours);
      if (o.snooze !== undefined) {
        // The snooze counts days where the person will be, so a zone changed in the same command wins.
        const zone = o.timezone ?? ctx.user.settings.timezone;
        let today: string;
        try {
          today = localDate(ctx.now(), zone);
        } catch {
          today = localDate(ctx.now(), ctx.user.settings.timezone);
        }
        change.snoozeUntil = parseSnooze(o.snooze, today);
      }
      if (Object.keys(change).length === 0) {
        return privateReply('Your settings. Change any of them, for example: settings reminder_time:20:00', {
          title: 'Settings',
          fields: settingsFields(ctx.user.settings, ctx.now()),
        });
      }
      const updated = await withOptionNames(OPTION_NAMES, () => updateSettings(ctx.deps, ctx.user.id, change));
      const notes: string[] = ['Saved.'];
      if (change.snoozeUntil) {
        const back = addDays(change.snoozeUntil, 1);
        const days = Math.round((Date.parse(back) - Date.parse(localDate(ctx.now(), updated.timezone))) / 86_400_000);
        notes.push(`Reminders rest through ${formatDay(change.snoozeUntil)} and come back on ${formatDay(back)} (${plural(days, 'day')} from now). Take the time you need.`);
      } else if (change.snoozeUntil === null) {
        notes.push('Reminders are back on.');
      }
      if (change.nudges === false) notes.push("Nudges are off; I'll only answer when you write to me.");
      return privateReply(notes.join(' '), { title: 'Settings updated', fields: settingsFields(updated, ctx.now()) });
    },
  }),
});
