import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineCommand, defineLeaf } from '../commands/define.ts';
import { choice, flag, integer, text } from '../commands/options.ts';
import { createRegistry } from '../commands/registry.ts';
import { UserError } from '../src/core/errors.ts';
import { createLogger } from '../src/logger.ts';
import { dispatch, GENERIC_FAILURE } from '../src/router/dispatch.ts';
import { privateReply, type Invocation } from '../src/router/types.ts';
import { coreDeps, routerDeps } from './helpers/core.ts';
import { freshDatabase, type TestDatabase } from './helpers/databases.ts';

const seen: Array<Record<string, unknown>> = [];

const note = defineCommand({
  name: 'note',
  description: 'Notes for the router tests',
  subcommands: [
    defineLeaf({
      name: 'write',
      description: 'Write a note',
      options: {
        content: text({ description: 'What to write', maxLength: 20, required: true }),
        mood: choice({ description: 'How it felt', values: ['calm', 'proud'] }),
        stars: integer({ description: 'Stars', min: 1, max: 5 }),
        pinned: flag({ description: 'Pin it' }),
      },
      textOption: 'content',
      handler: async (ctx, options) => {
        seen.push({ ...options, user: ctx.user.id });
        await ctx.defer();
        await ctx.defer();
        return privateReply(`saved ${options.content}`);
      },
    }),
    defineLeaf({
      name: 'fail',
      description: 'Fails',
      options: { kind: choice({ description: 'How', values: ['user', 'bug'], required: true }) },
      handler: async (_ctx, options) => {
        if (options.kind === 'user') throw new UserError('not_found', 'That note is gone.');
        throw new Error('database exploded with secret text');
      },
    }),
  ],
});

const registry = createRegistry([note]);

describe('command registry', () => {
  const leaf = (name: string, extra = {}) => defineLeaf({ name, description: 'x', options: {}, handler: async () => privateReply('x'), ...extra });
  it('refuses duplicate commands and subcommands', () => {
    expect(() => createRegistry([note, note])).toThrow(/defined twice/);
    expect(() => createRegistry([defineCommand({ name: 'a', description: 'a', subcommands: [leaf('b'), leaf('b')] })])).toThrow(/subcommand "b" twice/);
  });
  it('refuses names Discord would refuse and required options after optional ones', () => {
    expect(() => createRegistry([defineCommand({ name: 'Bad Name', description: 'a', leaf: leaf('Bad Name') })])).toThrow();
    expect(() =>
      createRegistry([
        defineCommand({
          name: 'a',
          description: 'a',
          leaf: leaf('a', { options: { later: text({ description: 'x', maxLength: 5 }), first: text({ description: 'x', maxLength: 5, required: true }) } }),
        }),
      ]),
    ).toThrow(/required options must come before optional ones/);
  });
  it('refuses a command with both a leaf and subcommands, or neither', () => {
    expect(() => createRegistry([defineCommand({ name: 'a', description: 'a' })])).toThrow(/either subcommands or one leaf/);
  });
});

describe('dispatch', () => {
  let t: TestDatabase;
  const logger = createLogger('silent');
  beforeAll(async () => {
    t = await freshDatabase('pglite');
  });
  afterAll(async () => t.dispose());

  const invocation = (over: Partial<Invocation>): Invocation => ({
    platform: 'console',
    command: 'note',
    subcommand: 'write',
    options: {},
    user: { platform: 'console', externalId: 'router-tester', displayName: 'Router Tester' },
    channel: { id: 'console', isDM: true },
    requestId: 'req-1',
    ...over,
  });
  const run = (over: Partial<Invocation>, platform = {}) => dispatch(routerDeps({ core: coreDeps(t.db), registry, logger }), invocation(over), platform);

  it('validates options, fills the text option from free text, and resolves the person', async () => {
    const defer = vi.fn(async () => {});
    const reply = await run({ options: { mood: 'Calm', stars: '4', pinned: 'yes' }, freeText: 'hello there' }, { defer });
    expect(reply).toEqual({ text: 'saved hello there', visibility: 'private' });
    expect(seen.at(-1)).toMatchObject({ content: 'hello there', mood: 'calm', stars: 4, pinned: true, user: expect.any(String) });
    expect(defer).toHaveBeenCalledTimes(1);
  });

  it('names the option and what is allowed when a value is wrong', async () => {
    expect((await run({ options: { content: 'x', stars: '9' } })).text).toBe('stars: use a whole number from 1 to 5');
    expect((await run({ options: { content: 'x', mood: 'grumpy' } })).text).toBe('mood: choose one of calm, proud');
    expect((await run({ options: { content: 'x'.repeat(21) } })).text).toBe('content: write at most 20 characters');
    expect((await run({ options: {} })).text).toBe('content: is required');
    expect((await run({ options: { contnet: 'x' } })).text).toMatch(/^There is no option "contnet" here\. Did you mean content\?/);
    expect((await run({ options: { content: 'x' }, freeText: 'y' })).text).toMatch(/You gave content twice/);
  });

  it('suggests the closest command or subcommand for a typo', async () => {
    expect((await run({ command: 'nte' })).text).toMatch(/I don't know the command "nte"\. Did you mean note\?/);
    expect((await run({ subcommand: 'wrte' })).text).toMatch(/note has no "wrte"\. Did you mean note write\?/);
    expect((await run({ subcommand: undefined })).text).toMatch(/note needs one of: write, fail/);
    expect((await run({ subcommand: undefined, freeText: 'wrte hello' })).text).toMatch(/note has no "wrte"\. Did you mean note write\?/);
  });

  it('answers a UserError privately with its message, and anything else with a generic message logged once', async () => {
    const errors: unknown[] = [];
    const spyLogger = createLogger('silent');
    spyLogger.error = ((obj: unknown) => errors.push(obj)) as typeof spyLogger.error;
    const deps = routerDeps({ core: coreDeps(t.db), registry, logger: spyLogger });
    expect(await dispatch(deps, invocation({ subcommand: 'fail', options: { kind: 'user' } }))).toEqual({ text: 'That note is gone.', visibility: 'private' });
    expect(errors).toHaveLength(0);
    const reply = await dispatch(deps, invocation({ subcommand: 'fail', options: { kind: 'bug' } }));
    expect(reply).toEqual({ text: GENERIC_FAILURE, visibility: 'private' });
    expect(reply.text).not.toMatch(/secret/);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ requestId: 'req-1', command: 'note', subcommand: 'fail' });
  });
});
