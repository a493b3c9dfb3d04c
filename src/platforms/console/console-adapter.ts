/**
 * The terminal adapter: what `npm start` runs when no platform credentials are
 * set. Lines use the same text grammar as Slack's /extro; replies come back as
 * readable text. Works with piped, non-TTY input too, one line at a time, in order.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { handToCoach } from '../../coach/direct-message.ts';
import { closest, editDistance } from '../../router/closest.ts';
import { dispatch, type RouterDeps } from '../../router/dispatch.ts';
import { parseCommandText, TextGrammarError } from '../../router/text-grammar.ts';
import type { Reply } from '../../router/types.ts';
import { renderText } from './render.ts';

export interface ConsoleOptions {
  readonly router: RouterDeps;
  readonly input: Readable;
  readonly output: Writable;
  /** Show a prompt and a greeting (a person at a terminal), or stay quiet (a script). */
  readonly interactive: boolean;
  /** The local account the console speaks for. */
  readonly person?: { readonly externalId: string; readonly displayName: string };
}

export interface ConsoleSession {
  /** Resolves when the input ends or someone types exit. */
  readonly closed: Promise<void>;
  close(): void;
}

const PROMPT = 'extro> ';
const COACH_LABEL = 'coach> ';

/**
 * The command a line most likely mistyped, or undefined when the line reads as a
 * message to the coach: one word within one typo of a command (`jurnal`), or a
 * near command name followed by one of its subcommands or a name:value option
 * (`nte write x`). Everyday words (`hey`, `go to…`) stay messages.
 */
function mistypedCommand(router: RouterDeps, words: readonly string[]): string | undefined {
  const first = words[0]!.toLowerCase().replace(/^\/+/, '');
  if (first.length < 3) return undefined;
  const names = router.registry.commands.map((c) => c.name);
  const guess = closest(first, names);
  if (!guess) return undefined;
  if (words.length === 1) return editDistance(first, guess) <= 1 ? guess : undefined;
  const second = words[1]!.toLowerCase();
  const looksLikeCommand = router.registry.subcommandsOf(guess).includes(second) || /^[a-z][a-z0-9_-]*:\S/i.test(second);
  return looksLikeCommand && editDistance(first, guess) <= 2 ? guess : undefined;
}

function localPerson(): { externalId: string; displayName: string } {
  let name = 'friend';
  try {
    name = userInfo().username || name;
  } catch {
    // No passwd entry (some containers): a generic local name will do.
  }
  return { externalId: `local:${name}`, displayName: name.charAt(0).toUpperCase() + name.slice(1) };
}

/** Saves a reply's image in the temp directory for the person to open; undefined if it could not be written. */
async function saveImage(image: NonNullable<Reply['image']>, serial: number): Promise<string | undefined> {
  const name = basename(image.filename, extname(image.filename)).replace(/[^\w-]+/g, '-') || 'image';
  const path = join(tmpdir(), `extrovertly-${name}-${Date.now()}-${serial}.png`);
  try {
    await writeFile(path, image.png);
    return path;
  } catch {
    return undefined;
  }
}

export function startConsole(options: ConsoleOptions): ConsoleSession {
  const { router, output, interactive } = options;
  const person = options.person ?? localPerson();
  const rl = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive, prompt: PROMPT });
  const write = (text: string) => output.write(`${text}\n`);
  let count = 0;
  let queue: Promise<void> = Promise.resolve();
  let closing = false;

  const answer = async (line: string): Promise<void> => {
    const text = line.trim();
    if (text === '') return;
    let reply: Reply;
    const words = text.split(/\s+/);
    const firstWord = words[0]!.toLowerCase().replace(/^\/+/, '');
    if (!router.registry.get(firstWord)) {
      const guess = mistypedCommand(router, words);
      if (guess) {
        write(`I didn't recognise "${firstWord}" as a command. Did you mean ${guess}? Type help to see what I can do.`);
        return;
      }
      await talkToCoach(text);
      return;
    }
    try {
      const parsed = parseCommandText(text, (command) => router.registry.subcommandsOf(command));
      count += 1;
      reply = await dispatch(router, {
        platform: 'console',
        command: parsed.command,
        subcommand: parsed.subcommand,
        options: parsed.options,
        freeText: parsed.freeText,
        user: { platform: 'console', externalId: person.externalId, displayName: person.displayName },
        channel: { id: 'console', isDM: true },
        requestId: `console-${process.pid}-${count}`,
      });
    } catch (error) {
      if (!(error instanceof TextGrammarError)) throw error;
      reply = { visibility: 'private', text: error.message };
    }
    write(renderText(reply, reply.image ? await saveImage(reply.image, count) : undefined));
  };

  /** Free text is a message to the coach: its reply is printed as it streams. */
  async function talkToCoach(text: string): Promise<void> {
    let started = false;
    let ended = true;
    const { answered } = await handToCoach(
      router,
      { platform: 'console', externalId: person.externalId, displayName: person.displayName },
      text,
      {
        platform: { name: 'console', channel: 'console' },
        events: {
          onText(delta) {
            if (!started) output.write(COACH_LABEL);
            started = true;
            output.write(delta);
            ended = delta.endsWith('\n');
          },
        },
      },
    );
    const reply = await answered;
    if (!started) {
      output.write(`${COACH_LABEL}${reply.text}`);
      ended = reply.text.endsWith('\n');
    }
    if (!ended) output.write('\n');
    const extras = renderText({
      text: '',
      visibility: 'private',
      ...(reply.celebrate?.length ? { celebrate: reply.celebrate } : {}),
      ...(reply.suggestedMission
        ? { actions: [{ id: 'coach-mission', label: `Start "${reply.suggestedMission.title}"`, commandText: `mission start ${reply.suggestedMission.title}` }] }
        : {}),
    });
    if (extras) write(extras);
  }

  const closed = new Promise<void>((resolve) => {
    rl.on('line', (line) => {
      if (closing) return;
      if (/^\s*(exit|quit)\s*$/i.test(line)) {
        // Decided as the line arrives: a script's later lines may already be queued.
        closing = true;
        rl.close();
        return;
      }
      // One line at a time, in order, even when a script pipes many at once.
      queue = queue
        .then(() => answer(line))
        .catch((error: unknown) => {
          router.logger.error({ err: error }, 'console line failed');
          write('Sorry, something went wrong on my side. Please try again.');
        })
        .then(() => {
          if (interactive && !closing) rl.prompt();
        });
    });
    rl.on('close', () => {
      void queue.then(() => resolve());
    });
  });

  if (interactive) {
    write(`Hi ${person.displayName}! This is Extrovertly Companion. Type help to see what I can do, write anything else to talk with your coach, or exit to leave.`);
    rl.prompt();
  }
  return { closed, close: () => rl.close() };
}
