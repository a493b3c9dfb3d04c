/**
 * Small helpers the command handlers share: next-step buttons with their typed
 * equivalent, dates in the reader's time zone, and service errors renamed to the
 * option names people actually typed.
 */
import { UserError } from '../src/core/errors.ts';
import { formatCommandText } from '../src/router/text-grammar.ts';
import type { EarnedAchievement } from '../src/core/achievements.ts';
import type { ReplyAction, ReplyField } from '../src/router/types.ts';

/** Discord's limits, the strictest of the platforms. */
const ACTION_ID_MAX = 100;
const BUTTON_LABEL_MAX = 80;
const FIELD_NAME_MAX = 256;
const FIELD_VALUE_MAX = 1024;
export const MAX_FIELDS = 25;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The text-grammar form of a command, quoted where needed: `mission start mission:"Say hi"`. */
export function commandText(command: string, subcommand: string | undefined, options: Record<string, string | number> = {}): string {
  return formatCommandText({
    command,
    subcommand,
    options: Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v)])),
    freeText: '',
  });
}

/**
 * A next-step button. The id is `<command>:<subcommand>:<argument>`, where the argument
 * is the value of the leaf's text option (see `actionInvocation` in index.ts);
 * `typed` is the same step in the text grammar for platforms without buttons.
 */
export function action(
  command: string,
  subcommand: string,
  argument: string,
  label: string,
  typed: string,
  style?: ReplyAction['style'],
): ReplyAction {
  const id = `${command}:${subcommand}:${argument}`;
  if (id.length > ACTION_ID_MAX) throw new Error(`action id longer than ${ACTION_ID_MAX} characters: ${id}`);
  return { id, label: truncate(label, BUTTON_LABEL_MAX), commandText: typed, ...(style ? { style } : {}) };
}

/** The reply's `celebrate`, only when this step earned something. */
export function celebrating(earned: readonly EarnedAchievement[]): { celebrate?: readonly EarnedAchievement[] } {
  return earned.length > 0 ? { celebrate: earned } : {};
}

export function field(name: string, value: string, inline = false): ReplyField {
  return { name: truncate(name || '\u200b', FIELD_NAME_MAX), value: truncate(value || '\u200b', FIELD_VALUE_MAX), ...(inline ? { inline } : {}) };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** 'YYYY-MM-DD' as "Tue 14 Jul 2026". */
export function formatDay(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
    .format(new Date(`${date}T00:00:00.000Z`))
    .replace(/,/g, '');
}

export { formatInstant } from '../src/core/time.ts';

/** "▰▰▰▱▱▱▱▱▱▱ 30%" */
export function progressBar(percent: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return `${'▰'.repeat(filled)}${'▱'.repeat(width - filled)} ${percent}%`;
}

/**
 * Runs a service call and renames the field its message starts with
 * (`targetDate: …`) to the option the person used (`target_date: …`); list
 * positions are dropped (`interests.3: …` → `interests: …`).
 */
export async function withOptionNames<T>(names: Readonly<Record<string, string>>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UserError) {
      const match = /^([A-Za-z_]+)((?:\.[^:\s]+)*): /.exec(error.message);
      if (match) {
        const name = names[match[1]!] ?? match[1]!;
        const path = match[2]!.replace(/\.\d+/g, '');
        throw new UserError(error.code, `${name}${path}: ${error.message.slice(match[0].length)}`);
      }
    }
    throw error;
  }
}

/** "7:00" → "07:00"; anything else is left for the service to refuse kindly. */
export function padTime(time: string): string {
  return /^\d:\d\d$/.test(time) ? `0${time}` : time;
}

/** A list written for people: "a, b and c". */
export function listWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
