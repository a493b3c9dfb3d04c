import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DM_ONLY } from '../commands/coach.ts';
import { registry } from '../commands/index.ts';
import { createCoach } from '../src/coach/coach.ts';
import type { CoachService } from '../src/coach/types.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { createLogger } from '../src/logger.ts';
import { startConsole } from '../src/platforms/console/console-adapter.ts';
import { dispatch, type RouterDeps } from '../src/router/dispatch.ts';
import type { Invocation } from '../src/router/types.ts';
import { coreDeps, type TestClock } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import { startFakeOpenAI, type FakeOpenAI } from './helpers/fake-openai.ts';

/** Counts every call, so a test can show the coach was never reached. */
function counting(coach: CoachService): CoachService & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    message: (...a) => (calls.push('message'), coach.message(...a)),
    start: (...a) => (calls.push('start'), coach.start(...a)),
    end: (...a) => (calls.push('end'), coach.end(...a)),
    feedback: (...a) => (calls.push('feedback'), coach.feedback(...a)),
    closeIdleConversations: () => (calls.push('closeIdle'), coach.closeIdleConversations()),
    drain: () => coach.drain(),
  };
}

describe.each(DB_KINDS)('coach command and console on %s', (kind) => {
  let t: TestDatabase;
  let deps: CoreDeps & { clock: TestClock };
  let fake: FakeOpenAI;
  let router: RouterDeps;
  let coach: ReturnType<typeof counting>;
  let serial = 0;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    deps = coreDeps(t.db, '2026-11-24T10:00:00.000Z');
    fake = await startFakeOpenAI();
    const logger = createLogger('silent');
    coach = counting(
      createCoach({
        core: deps,
        config: { apiKey: 'test', baseUrl: fake.baseUrl, model: 'fake', timeoutMs: 3000, maxRetries: 0, dailyMessages: 60, dailyTokens: 40_000 },
        logger,
      }),
    );
    router = { core: deps, registry, logger, coach };
  });
  afterAll(async () => {
    await fake.close();
    await t.dispose();
  });
  beforeEach(() => {
    fake.reset();
    coach.calls.length = 0;
  });

  const invoke = (externalId: string, over: Partial<Invocation>) =>
    dispatch(router, {
      platform: 'discord',
      command: 'coach',
      options: {},
      user: { platform: 'discord', externalId, displayName: 'Casey' },
      channel: { id: 'dm-1', isDM: true },
      requestId: `req-${++serial}`,
      ...over,
    });
  const conversations = (externalId: string) =>
    sql<{ n: number }>(
      t.db,
      `SELECT count(*)::int AS n FROM coach_conversations c JOIN companion_platform_identities p ON p.user_id = c.user_id WHERE p.external_id = $1`,
      [externalId],
    );

  it('refuses kindly and privately in a server channel, without reaching the coach', async () => {
    for (const subcommand of ['start', 'scenario', 'end']) {
      const reply = await invoke('chan-user', {
        subcommand,
        channel: { id: 'general', isDM: false },
        ...(subcommand === 'scenario' ? { freeText: 'asking for a raise' } : {}),
      });
      expect(reply).toEqual({ text: DM_ONLY, visibility: 'private' });
    }
    expect(coach.calls).toEqual([]);
    expect(fake.requests).toHaveLength(0);
    expect((await conversations('chan-user'))[0]!.n).toBe(0);
  });

  it('starts a practice scenario in a DM with the coach playing the other person, then ends it with feedback', async () => {
    fake.script([{ chunks: ['Hey! Nice to meet you. ', 'Are you new to the club?'] }, { chunks: ['You were warm and friendly. ', 'Next time, ask one question back.'] }]);
    const start = await invoke('dm-user', { subcommand: 'scenario', freeText: 'introducing myself at a running club' });
    expect(start.visibility).toBe('private');
    expect(start.title).toBe('Practice');
    expect(start.text).toContain('Hey! Nice to meet you. Are you new to the club?');
    expect(start.text).toContain('how did I do?');
    expect(fake.requests[0]!.body.messages[0]!.content).toContain('introducing myself at a running club');

    const end = await invoke('dm-user', { subcommand: 'end' });
    expect(end.title).toBe('Practice feedback');
    expect(end.text).toContain('You were warm and friendly.');
    expect(coach.calls).toEqual(['start', 'end']);
    const again = await invoke('dm-user', { subcommand: 'end' });
    expect(again.text).toMatch(/no conversation open/);
  });

  it('coach start greets, and a greeting from the offline coach when the model fails is still an answer', async () => {
    fake.script([], { status: 500 });
    const reply = await invoke('greet-user', { subcommand: 'start' });
    expect(reply.title).toBe('Coach');
    expect(reply.text).toMatch(/^\(Offline coach\) Hi Casey!/);
  });

  it('sends console free text to the coach and prints the reply as it streams, while commands and typos keep working', async () => {
    fake.script([{ chunks: ['Small steps count. ', 'What would you like to try?'] }]);
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const session = startConsole({ router, input, output, interactive: false, person: { externalId: 'local:coach-test', displayName: 'Jo' } });
    input.end(['I felt awkward at lunch today', 'jurnal', 'hey', 'exit'].join('\n'));
    await session.closed;
    await coach.drain();

    expect(printed).toContain('coach> Small steps count. What would you like to try?\n');
    expect(printed).toContain(`I didn't recognise "jurnal" as a command. Did you mean journal?`);
    expect(coach.calls).toEqual(['message', 'message']);
    expect(fake.streamed().map((r) => r.body.messages.at(-1)!.content)).toEqual(['I felt awkward at lunch today', 'hey']);
  });
});
