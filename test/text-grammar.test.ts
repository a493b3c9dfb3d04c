/**
 * The `/extro` and console text grammar: worked examples, edge cases, and
 * properties over random input (round trip through formatCommandText, only
 * TextGrammarError ever thrown, long input).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCommandText, parseCommandText, TextGrammarError, type ParsedText } from '../src/router/text-grammar.ts';

const SUBCOMMANDS: Record<string, readonly string[]> = {
  journal: ['write', 'list', 'delete'],
  mood: ['log', 'history'],
  event: ['list', 'rsvp', 'create'],
  help: [],
};
const known = (command: string): readonly string[] => SUBCOMMANDS[command] ?? [];
const parse = (text: string): ParsedText => parseCommandText(text, known);

function parsed(command: string, subcommand: string | undefined, options: Record<string, string> = {}, freeText = ''): ParsedText {
  return { command, subcommand, options, freeText };
}

function grammarError(text: string): TextGrammarError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(TextGrammarError);
    return error as TextGrammarError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

const UNCLOSED = 'There is an unclosed quote in your message; close it with " and try again.';
/** What parseCommandText takes for an option at the start of free text (mirrors the grammar, for generators). */
const OPTION_LIKE = /^[a-z][a-z0-9_-]{0,31}:(?!\/\/)/i;

describe('parseCommandText: the documented examples', () => {
  it.each<[string, ParsedText]>([
    ['journal write mood:hopeful I said hi to a neighbour', parsed('journal', 'write', { mood: 'hopeful' }, 'I said hi to a neighbour')],
    [
      'mood log mood:calm intensity:6 context:"after the team call" triggers:work,meetings',
      parsed('mood', 'log', { mood: 'calm', intensity: '6', context: 'after the team call', triggers: 'work,meetings' }),
    ],
    ['settings timezone:Europe/Berlin reminder_time:08:30', parsed('settings', undefined, { timezone: 'Europe/Berlin', reminder_time: '08:30' })],
    ['checkin 7', parsed('checkin', undefined, {}, '7')],
    ['help', parsed('help', undefined)],
    ['help journal', parsed('help', undefined, {}, 'journal')],
    ['event rsvp event:"Board games night" status:going', parsed('event', 'rsvp', { event: 'Board games night', status: 'going' })],
    ['journal hello', parsed('journal', undefined, {}, 'hello')],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });
});

describe('parseCommandText: structure', () => {
  it('treats the second word as a subcommand only when the command knows it', () => {
    expect(parse('journal list')).toEqual(parsed('journal', 'list'));
    expect(parse('checkin list')).toEqual(parsed('checkin', undefined, {}, 'list'));
    expect(parse('journal writing today')).toEqual(parsed('journal', undefined, {}, 'writing today'));
  });

  it('asks for the subcommands of the lowercased command, once', () => {
    const asked: string[] = [];
    parseCommandText('JOURNAL Write hi', (command) => (asked.push(command), ['write']));
    expect(asked).toEqual(['journal']);
    expect(parseCommandText('a', () => {
      throw new Error('not asked when there is no second word');
    })).toEqual(parsed('a', undefined));
  });

  it('matches subcommands case-insensitively on both sides', () => {
    expect(parseCommandText('x WRITE', () => ['Write'])).toEqual(parsed('x', 'write'));
  });

  it('lowercases the command, the subcommand and option names but not values or free text', () => {
    expect(parse('JOURNAL WRITE Mood:Hopeful Said HI')).toEqual(parsed('journal', 'write', { mood: 'Hopeful' }, 'Said HI'));
  });

  it("reads '-' in option names as '_'", () => {
    expect(parse('settings reminder-time:08:30 Quiet-Hours:on')).toEqual(
      parsed('settings', undefined, { reminder_time: '08:30', quiet_hours: 'on' }),
    );
  });

  it('strips leading slashes from the command', () => {
    expect(parse('/journal write hi')).toEqual(parsed('journal', 'write', {}, 'hi'));
    expect(parse('  //journal write hi')).toEqual(parsed('journal', 'write', {}, 'hi'));
    expect(parse('/ journal write hi')).toEqual(parsed('journal', 'write', {}, 'hi'));
    expect(parse('/')).toEqual(parsed('', undefined));
  });

  it('gives an empty command for empty or blank input', () => {
    for (const text of ['', ' ', '\t\n  \r\n', '\u00a0\u3000\ufeff']) expect(parse(text)).toEqual(parsed('', undefined));
  });

  it('ignores extra white space between words, of any kind', () => {
    expect(parse('  mood \t log\n\nmood:calm \u00a0 intensity:6   ')).toEqual(parsed('mood', 'log', { mood: 'calm', intensity: '6' }));
    for (const space of [...'\t\n\v\f\r \u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff']) {
      expect(parse(`checkin${space}a:b${space}c`)).toEqual(parsed('checkin', undefined, { a: 'b' }, 'c'));
    }
  });

  it('keeps unknown option names: the caller validates them', () => {
    expect(parse('journal write colour:blue x_1:y hi')).toEqual(parsed('journal', 'write', { colour: 'blue', x_1: 'y' }, 'hi'));
  });

  it('copes with option names that are Object.prototype properties', () => {
    const result = parse('x constructor:a tostring:b hasownproperty:c __proto__:d');
    expect(result.options).toEqual({ constructor: 'a', tostring: 'b', hasownproperty: 'c' });
    expect(result.freeText).toBe('__proto__:d');
    expect(Object.getPrototypeOf(result.options)).toBe(Object.prototype);
  });

  it('limits option names to 32 characters starting with a letter', () => {
    const name32 = `a${'b'.repeat(31)}`;
    expect(parse(`x ${name32}:1`).options).toEqual({ [name32]: '1' });
    expect(parse(`x ${name32}b:1`)).toEqual(parsed('x', undefined, {}, `${name32}b:1`));
    expect(parse('x _a:1')).toEqual(parsed('x', undefined, {}, '_a:1'));
    expect(parse('x 1a:1')).toEqual(parsed('x', undefined, {}, '1a:1'));
    expect(parse('x é:1')).toEqual(parsed('x', undefined, {}, 'é:1'));
    expect(parse('x \u212aelvin:1')).toEqual(parsed('x', undefined, {}, '\u212aelvin:1')); // Kelvin sign is not ASCII K
  });
});

describe('parseCommandText: option values', () => {
  it('splits name from value at the first colon only', () => {
    expect(parse('settings reminder_time:08:30:00 link:https://example.com/a?b=c:d')).toEqual(
      parsed('settings', undefined, { reminder_time: '08:30:00', link: 'https://example.com/a?b=c:d' }),
    );
    expect(parse('x a::b')).toEqual(parsed('x', undefined, { a: ':b' }));
  });

  it('reads an empty value as an empty string', () => {
    expect(parse('mood log mood:')).toEqual(parsed('mood', 'log', { mood: '' }));
    expect(parse('mood log mood: intensity:3 hi')).toEqual(parsed('mood', 'log', { mood: '', intensity: '3' }, 'hi'));
    expect(parse('mood log mood:"" intensity:\'\'')).toEqual(parsed('mood', 'log', { mood: '', intensity: '' }));
    expect(parse('mood log mood:“” intensity:‘’')).toEqual(parsed('mood', 'log', { mood: '', intensity: '' }));
  });

  it('accepts double, single and smart quotes around a value', () => {
    expect(parse(`event create title:"Board games" place:'The Red Lion' note:“bring snacks” host:‘Sam Lee’`).options).toEqual({
      title: 'Board games',
      place: 'The Red Lion',
      note: 'bring snacks',
      host: 'Sam Lee',
    });
  });

  it('accepts quotes inside a value', () => {
    expect(parse('x title:The" big "day')).toEqual(parsed('x', undefined, { title: 'The big day' }));
    expect(parse('x a:"one two"three b:x“ y ”z')).toEqual(parsed('x', undefined, { a: 'one twothree', b: 'x y z' }));
  });

  it('keeps other kinds of quote inside quotes', () => {
    expect(parse(`x a:"it's “fine”" b:'say "hi"' c:“a 'b' ‘c’ "d"”`).options).toEqual({
      a: 'it\'s “fine”',
      b: 'say "hi"',
      c: `a 'b' ‘c’ "d"`,
    });
  });

  it('reads a backslash before a quote or a backslash inside quotes as that character', () => {
    expect(parse(String.raw`x a:"say \"hi\"" b:"back\\slash" c:'it\'s' d:“x \” y”`).options).toEqual({
      a: 'say "hi"',
      b: 'back\\slash',
      c: "it's",
      d: 'x ” y',
    });
  });

  it('keeps other backslashes as typed', () => {
    expect(parse(String.raw`x path:"C:\Users\sam" plain:a\b\"c"`).options).toEqual({ path: String.raw`C:\Users\sam`, plain: String.raw`a\b\c` });
  });

  it('reads an apostrophe after a letter as an apostrophe', () => {
    expect(parse("x note:don't other:it’s")).toEqual(parsed('x', undefined, { note: "don't", other: 'it’s' }));
    expect(parse("x note:'don't stop' n:‘rock’n’roll’")).toEqual(parsed('x', undefined, { note: "don't stop", n: 'rock’n’roll' }));
  });

  it('rejects an unclosed quote in a value', () => {
    for (const text of ['x a:"open', "x a:'open and on", 'x a:“open', 'x a:‘open', 'x a:"closed" b:"open', 'x a:"escaped \\"', 'x a:"smart close”']) {
      expect(grammarError(text).message).toBe(UNCLOSED);
    }
  });

  it('rejects an option given twice, naming it', () => {
    expect(grammarError('mood log mood:calm mood:happy').message).toBe('You gave mood twice; keep one.');
    expect(grammarError('mood log Mood:calm MOOD:happy').message).toBe('You gave mood twice; keep one.');
    expect(grammarError('settings reminder-time:1 reminder_time:2').message).toBe('You gave reminder_time twice; keep one.');
    expect(grammarError('x a: a:').message).toBe('You gave a twice; keep one.');
  });

  it('allows the same name again once free text has started', () => {
    expect(parse('journal write mood:calm and later mood:happy')).toEqual(
      parsed('journal', 'write', { mood: 'calm' }, 'and later mood:happy'),
    );
  });
});

describe('parseCommandText: free text', () => {
  it('keeps option-like words after free text has started as free text', () => {
    expect(parse('journal write met Sam at 10:30 note:this was fun')).toEqual(
      parsed('journal', 'write', {}, 'met Sam at 10:30 note:this was fun'),
    );
    expect(parse('journal write mood:calm met Sam note:this')).toEqual(parsed('journal', 'write', { mood: 'calm' }, 'met Sam note:this'));
  });

  it('does not read times or URLs as options', () => {
    expect(parse('journal write 10:30 coffee')).toEqual(parsed('journal', 'write', {}, '10:30 coffee'));
    expect(parse('journal write http://example.com was useful')).toEqual(parsed('journal', 'write', {}, 'http://example.com was useful'));
    expect(parse('journal write HTTPS://x y')).toEqual(parsed('journal', 'write', {}, 'HTTPS://x y'));
    expect(parse('x link:https://example.com')).toEqual(parsed('x', undefined, { link: 'https://example.com' }));
    expect(parse('x link:"//cdn"')).toEqual(parsed('x', undefined, { link: '//cdn' }));
  });

  it('keeps quotes, spacing and newlines as typed, trimmed at both ends', () => {
    expect(parse('journal write   "Hello"  there,\n\n  it\'s ‘me’ “again”   \n')).toEqual(
      parsed('journal', 'write', {}, '"Hello"  there,\n\n  it\'s ‘me’ “again”'),
    );
  });

  it('does not mind unbalanced quotes or apostrophes in free text', () => {
    expect(parse('journal write I don\'t know "yet')).toEqual(parsed('journal', 'write', {}, 'I don\'t know "yet'));
    expect(parse('checkin "mood:calm"')).toEqual(parsed('checkin', undefined, {}, '"mood:calm"'));
  });

  it('passes Unicode through unchanged', () => {
    const text = '今日は 🙂👩🏽‍💻 שלום עולם e\u0301 Ａ';
    expect(parse(`journal write mood:😊 place:"東京 駅" ${text}`)).toEqual(
      parsed('journal', 'write', { mood: '😊', place: '東京 駅' }, text),
    );
    expect(parse(`journal write ${text}\nsecond line`).freeText).toBe(`${text}\nsecond line`);
  });
});

describe('TextGrammarError', () => {
  it('is an Error with its own name and a one-line message', () => {
    const error = grammarError('x a:"');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TextGrammarError');
    expect(error.message).not.toMatch(/\n/);
  });
});

describe('formatCommandText', () => {
  it.each<[ParsedText, string]>([
    [parsed('', undefined), ''],
    [parsed('checkin', undefined, {}, '7'), 'checkin 7'],
    [parsed('journal', 'write', { mood: 'hopeful' }, 'I said hi'), 'journal write mood:hopeful I said hi'],
    [parsed('event', 'rsvp', { event: 'Board games night', status: 'going' }), 'event rsvp event:"Board games night" status:going'],
    [parsed('x', undefined, { a: '', b: 'say "hi"', c: 'back\\slash', d: 'x\\"y', e: '//cdn', f: 'it’s' }), String.raw`x a:"" b:"say \"hi\"" c:back\slash d:"x\\\"y" e:"//cdn" f:"it’s"`],
    [parsed('settings', undefined, { reminder_time: '08:30' }, '  padded  '), 'settings reminder_time:08:30 padded'],
  ])('%j → %s', (input, expected) => {
    expect(formatCommandText(input)).toBe(expected);
    expect(parse(expected)).toEqual({ ...input, freeText: input.freeText.trim() });
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/** Awkward pieces the grammar treats specially, to mix into random strings. */
const TRICKY_PIECES = [' ', '  ', '\n', '\t', '\u00a0', '\u3000', '\ufeff', '"', "'", '“', '”', '‘', '’', '\\', ':', '//', '/', 'a:', 'mood:', 'x-y:', '10:30', 'http://', 'write', 'WRITE', 'journal', "don't", '🙂', '👩🏽‍💻', 'e\u0301', 'שלום', '東京', '\ud800', '\udc00'];
const trickyString = fc.array(fc.oneof(fc.constantFrom(...TRICKY_PIECES), fc.string({ maxLength: 3 })), { maxLength: 20 }).map((parts) => parts.join(''));
const anyString = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string(), trickyString);

const commandArb = fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/);
const optionNameArb = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,31}$/), fc.constantFrom('constructor', 'tostring', 'valueof', 'hasownproperty', 'proto'));
const optionValueArb = fc.oneof(anyString, fc.constantFrom('', ' ', '""', "''", '“”', '\\', '\\"', "don't", '//x', 'a:b', 'http://x', '10:30', 'x\ny'));

/**
 * Free text that survives the round trip. The grammar has no escape for free text (quotes in it
 * are kept as typed), so we generate free text the way parseCommandText can produce it: trimmed,
 * not starting with an option-like word, and — when nothing comes between it and the command —
 * not starting with a known subcommand.
 */
function representable(freeText: string, subcommands: readonly string[], followsCommand: boolean): boolean {
  if (OPTION_LIKE.test(freeText)) return false;
  const firstWord = freeText.split(/\s/)[0]!.toLowerCase();
  return !(followsCommand && subcommands.includes(firstWord));
}

const roundTripCase = fc
  .record({
    command: commandArb,
    subcommands: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 4 }),
    pick: fc.option(fc.nat(), { nil: undefined }),
    options: fc.dictionary(optionNameArb, optionValueArb, { maxKeys: 6, noNullPrototype: true }),
    freeText: anyString.map((s) => s.trim()),
  })
  .map(({ command, subcommands, pick, options, freeText }) => {
    const subcommand = pick === undefined || subcommands.length === 0 ? undefined : subcommands[pick % subcommands.length];
    return { subcommands, value: { command, subcommand, options, freeText } satisfies ParsedText };
  })
  .filter(({ subcommands, value }) =>
    representable(value.freeText, subcommands, value.subcommand === undefined && Object.keys(value.options).length === 0),
  );

describe('properties', () => {
  it('parseCommandText(formatCommandText(x)) gives x back', () => {
    fc.assert(
      fc.property(roundTripCase, ({ subcommands, value }) => {
        const text = formatCommandText(value);
        expect(parseCommandText(text, () => subcommands)).toEqual(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('formatting what was parsed parses to the same thing', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom('', 'journal ', 'mood log ', '/event rsvp '), (text, prefix) => {
        let first: ParsedText;
        try {
          first = parse(prefix + text);
        } catch {
          return;
        }
        expect(parse(formatCommandText(first))).toEqual(first);
      }),
      { numRuns: 1000 },
    );
  });

  it('throws nothing but a one-line TextGrammarError, and keeps its promises about the result', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom('', 'x ', 'journal write ', 'mood log a:1 '), (text, prefix) => {
        let result: ParsedText;
        try {
          result = parse(prefix + text);
        } catch (error) {
          expect(error).toBeInstanceOf(TextGrammarError);
          expect((error as Error).message).not.toMatch(/[\r\n]/);
          return;
        }
        expect(result.command).toBe(result.command.toLowerCase());
        expect(result.command).not.toMatch(/^\/|\s/);
        expect(result.freeText).toBe(result.freeText.trim());
        if (result.command === '') expect((prefix + text).replace(/[\s/]/g, '')).toBe('');
        for (const name of Object.keys(result.options)) expect(name).toMatch(/^[a-z][a-z0-9_]{0,31}$/);
        expect(OPTION_LIKE.test(result.freeText)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('long input', () => {
  it('parses 100 KB of free text in one pass', () => {
    const body = 'I met 🙂 someone "new" at 10:30 note:this, ';
    const freeText = body.repeat(Math.ceil(100_000 / body.length)).trim();
    const result = parse(`journal write mood:calm ${freeText}`);
    expect(result.options).toEqual({ mood: 'calm' });
    expect(result.freeText.length).toBe(freeText.length);
  });

  it('parses a 100 KB quoted value and many options', () => {
    const value = 'a "b" c '.repeat(12_500);
    const result = parse(`x note:"${value.replaceAll('"', '\\"')}" tail`);
    expect(result.options.note!.length).toBe(value.length);
    expect(result.freeText).toBe('tail');

    const many = Array.from({ length: 10_000 }, (_, i) => `o${i}:${i}`).join(' ');
    expect(Object.keys(parse(`x ${many}`).options)).toHaveLength(10_000);
  });

  it('handles 100 KB of awkward characters', () => {
    const quotes = `x a:${"'".repeat(100_000)}`;
    expect(parse(quotes).options.a).toBe('');
    expect(parse(`x a:${'""'.repeat(50_000)}b`).options.a).toBe('b');
    expect(grammarError(`x a:"${'\\"'.repeat(50_000)}`).message).toBe(UNCLOSED);
    expect(parse(`x ${'a'.repeat(100_000)}:1`).freeText.length).toBe(100_002);
    expect(parse(`x${' '.repeat(100_000)}y`)).toEqual(parsed('x', undefined, {}, 'y'));
    expect(parse(`x a:${':'.repeat(100_000)}`).options.a!.length).toBe(100_000);
  });
});
