/**
 * The text grammar shared by the Slack slash command (`/extro …`) and the
 * terminal console:
 *
 *   <command> [subcommand] [name:value ...] [free text]
 *
 * - The command is the first word, lowercased; leading slashes (`/journal`) are dropped.
 * - The second word is the subcommand only when it is one of `knownSubcommands(command)`.
 * - Then come `name:value` options, as long as they come before any free text. A name is
 *   /^[a-z][a-z0-9_-]{0,31}$/i (lowercased, '-' read as '_'); only the first ':' splits, so
 *   `reminder_time:08:30` is fine. `10:30` (no leading letter) and `http://x` (`//` straight
 *   after the colon) are not options.
 * - The first word that is not an option starts the free text, which is the rest of the
 *   message exactly as typed (quotes, spacing, newlines), trimmed at both ends.
 *
 * Quotes ("…", '…', “…”, ‘…’) group an option value, around the whole value or inside it
 * (`context:"after the call"`, `title:The" big "day`); inside quotes a backslash before a
 * quote or another backslash stands for that character. Quotes mean nothing in the
 * command, the subcommand or the free text, so `journal write I don't know "yet` is fine.
 * A single quote (' or ‘) only opens a quoted part when it does not follow a letter or digit,
 * and inside single quotes ' or ’ followed by a letter or digit is an apostrophe, so
 * `note:don't` and `note:'don't'` both mean "don't".
 *
 * Parsing is one left-to-right pass with no regular expressions over the input, so it is
 * linear in the length of the text.
 */

export interface ParsedText {
  /** Lowercased; '' when the input is empty or blank. */
  command: string;
  /** Lowercased; set only when the second word is a known subcommand of the command. */
  subcommand: string | undefined;
  /** Option names lowercased with '-' read as '_'; values unquoted. Unknown names are kept: the caller validates. */
  options: Record<string, string>;
  /** The rest of the message as typed (quotes kept, inner spacing and newlines kept), trimmed. */
  freeText: string;
}

/** A message that does not follow the grammar; `message` is one friendly line to show as it is. */
export class TextGrammarError extends Error {
  override readonly name: string = 'TextGrammarError';
  constructor(message: string) {
    super(message);
  }
}

const UNCLOSED_QUOTE = 'There is an unclosed quote in your message; close it with " and try again.';

/** Opening quote → the quote that closes it. */
const CLOSING_QUOTE: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ['\u201C', '\u201D'], // “ … ”
  ['\u2018', '\u2019'], // ‘ … ’
]);
const SINGLE_QUOTE_OPENERS = new Set(["'", '\u2018']);
const QUOTE_CHARS = new Set(['"', "'", '\u201C', '\u201D', '\u2018', '\u2019']);
const MAX_NAME_LENGTH = 32;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** The characters `\s` and `String.prototype.trim` treat as white space. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function wordEnd(text: string, i: number): number {
  while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
  return i;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isNameChar(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x5f /* _ */ || code === 0x2d /* - */;
}

/** Index of the ':' ending an option name that starts at `i`, or -1 when the word there is not an option. */
function optionColon(text: string, i: number): number {
  if (!isAsciiLetter(text.charCodeAt(i))) return -1;
  let j = i + 1;
  while (j < text.length && j - i < MAX_NAME_LENGTH && isNameChar(text.charCodeAt(j))) j++;
  if (text[j] !== ':') return -1;
  if (text[j + 1] === '/' && text[j + 2] === '/') return -1; // a URL such as http://… is free text
  return j;
}

/** Whether the code point starting at `i` is a letter, digit or combining mark. */
function isWordCharAt(text: string, i: number): boolean {
  const cp = text.codePointAt(i);
  return cp !== undefined && WORD_CHAR.test(String.fromCodePoint(cp));
}

/** Whether the code point ending just before `i` (and at or after `start`) is a letter, digit or combining mark. */
function isWordCharBefore(text: string, i: number, start: number): boolean {
  if (i <= start) return false;
  let k = i - 1;
  const low = text.charCodeAt(k);
  if (low >= 0xdc00 && low <= 0xdfff && k > start) {
    const high = text.charCodeAt(k - 1);
    if (high >= 0xd800 && high <= 0xdbff) k--;
  }
  return isWordCharAt(text, k);
}

/** Reads an option value starting at `start` up to unquoted white space; returns the value and where it ended. */
function readValue(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  while (i < text.length) {
    const ch = text[i]!;
    if (isSpace(ch.charCodeAt(0))) break;
    const closer = CLOSING_QUOTE.get(ch);
    const single = SINGLE_QUOTE_OPENERS.has(ch);
    if (closer === undefined || (single && isWordCharBefore(text, i, start))) {
      value += ch;
      i++;
      continue;
    }
    i++;
    let closed = false;
    while (i < text.length) {
      const c = text[i]!;
      const next = text[i + 1];
      if (c === '\\' && next !== undefined && (next === '\\' || QUOTE_CHARS.has(next))) {
        value += next;
        i += 2;
      } else if (c === closer && !(single && isWordCharAt(text, i + 1))) {
        closed = true;
        i++;
        break;
      } else {
        value += c;
        i++;
      }
    }
    if (!closed) throw new TextGrammarError(UNCLOSED_QUOTE);
  }
  return { value, end: i };
}

/**
 * Splits a message into command, subcommand, options and free text (see the module comment).
 * `knownSubcommands` is asked once, with the lowercased command. Throws only TextGrammarError:
 * for an unclosed quote in an option value, or an option given twice.
 */
export function parseCommandText(text: string, knownSubcommands: (command: string) => readonly string[]): ParsedText {
  let i = skipSpace(text, 0);
  while (text[i] === '/') i = skipSpace(text, i + 1);
  if (i >= text.length) return { command: '', subcommand: undefined, options: {}, freeText: '' };

  let end = wordEnd(text, i);
  const command = text.slice(i, end).toLowerCase();
  i = skipSpace(text, end);

  let subcommand: string | undefined;
  if (i < text.length) {
    end = wordEnd(text, i);
    const word = text.slice(i, end).toLowerCase();
    if (knownSubcommands(command).some((known) => known.toLowerCase() === word)) {
      subcommand = word;
      i = skipSpace(text, end);
    }
  }

  const options: Record<string, string> = {};
  while (i < text.length) {
    const colon = optionColon(text, i);
    if (colon < 0) break;
    const name = text.slice(i, colon).toLowerCase().replaceAll('-', '_');
    const { value, end: valueEnd } = readValue(text, colon + 1);
    if (Object.hasOwn(options, name)) throw new TextGrammarError(`You gave ${name} twice; keep one.`);
    options[name] = value;
    i = skipSpace(text, valueEnd);
  }

  return { command, subcommand, options, freeText: text.slice(i).trim() };
}

function needsQuotes(value: string): boolean {
  if (value === '' || value.startsWith('//')) return true;
  for (let i = 0; i < value.length; i++) {
    if (isSpace(value.charCodeAt(i)) || QUOTE_CHARS.has(value[i]!)) return true;
  }
  return false;
}

function quoteValue(value: string): string {
  return needsQuotes(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value;
}

/**
 * Text that parses back to `parsed`: the command, the subcommand, each option as `name:value`
 * (the value in double quotes, with `"` and `\` escaped, when it is empty or holds white space,
 * a quote, or starts with `//`), then the free text as it is. A blank command gives ''.
 *
 * The grammar has no escape for free text, so the free text is written verbatim and the round
 * trip holds when it does not begin with an option-like word (`note:…`) and, with no subcommand
 * and no options, its first word is not a known subcommand. Every ParsedText that
 * parseCommandText returns meets this, so `parse(format(parse(s)))` equals `parse(s)`.
 */
export function formatCommandText(parsed: ParsedText): string {
  if (parsed.command === '') return '';
  const parts = [parsed.command];
  if (parsed.subcommand !== undefined) parts.push(parsed.subcommand);
  for (const [name, value] of Object.entries(parsed.options)) parts.push(`${name}:${quoteValue(value)}`);
  const freeText = parsed.freeText.trim();
  if (freeText !== '') parts.push(freeText);
  return parts.join(' ');
}
