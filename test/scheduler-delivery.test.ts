import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../commands/registry.ts';
import { reminders } from '../commands/reminders.ts';
import { createDiscordDirectMessenger } from '../src/platforms/discord/direct-messenger.ts';
import { createSlackDirectMessenger } from '../src/platforms/slack/direct-messenger.ts';
import { dispatch } from '../src/router/dispatch.ts';
import type { Invocation, Reply } from '../src/router/types.ts';
import { parseJobArgs } from '../src/scheduler/job-args.ts';
import { createConsoleMessenger, type DirectIdentity } from '../src/scheduler/messenger.ts';
import { coreDeps, routerDeps } from './helpers/core.ts';
import { freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import { startFakeDiscordDMs, startFakeSlackDMs } from './helpers/platform-fakes.ts';
import { silentLogger } from './helpers/scheduler.ts';

const reply: Reply = {
  text: 'Hi Robin, a quiet moment for yourself?',
  visibility: 'private',
  title: 'A moment to journal',
  actions: [{ id: 'reminders:off:now', label: 'Turn reminders off', commandText: 'reminders off' }],
};
const chart: Reply = { ...reply, image: { png: new Uint8Array([137, 80, 78, 71, 1, 2, 3]), filename: 'progress.png', alt: 'Confidence from 5 to 7' } };

function identity(platform: DirectIdentity['platform'], externalId: string): DirectIdentity {
  return { userId: '00000000-0000-4000-8000-000000000001', platform, externalId, workspaceId: null };
}

describe('Slack direct messenger against the fake Web API', () => {
  let fake: Awaited<ReturnType<typeof startFakeSlackDMs>>;
  beforeAll(async () => {
    fake = await startFakeSlackDMs({ errors: { UCLOSED: 'cannot_dm_bot', UODD: 'internal_error' }, rateLimitOnce: { UBUSY: 3 } });
  });
  afterAll(async () => fake.close());

  it('posts Block Kit to the user id, maps closed DMs to unreachable and 429 to its retry-after, and uploads the chart', async () => {
    const slack = createSlackDirectMessenger({ botToken: 'xoxb-test', apiUrl: `${fake.url}/api/`, logger: silentLogger });
    expect(slack.platform).toBe('slack');
    expect(await slack.send(identity('slack', 'T0SLACK1:U123'), reply)).toEqual({ status: 'ok' });
    const post = fake.calls.find((c) => c.method === 'chat.postMessage')!;
    expect(post.body.channel).toBe('U123');
    expect(JSON.parse(post.body.blocks!)).toContainEqual(expect.objectContaining({ type: 'actions' }));
    expect(await slack.send(identity('slack', 'T0SLACK1:UCLOSED'), reply)).toEqual({ status: 'unreachable', code: 'cannot_dm_bot' });
    expect(await slack.send(identity('slack', 'T0SLACK1:UODD'), reply)).toEqual({ status: 'failed', code: 'internal_error' });
    expect(await slack.send(identity('slack', 'T0SLACK1:UBUSY'), reply)).toEqual({ status: 'rate_limited', retryAfterMs: 3000 });
    expect(await slack.send(identity('slack', 'T0SLACK1:U456'), chart)).toEqual({ status: 'ok' });
    const complete = fake.calls.find((c) => c.method === 'files.completeUploadExternal');
    expect(complete?.body.channel_id).toBe('DU456');
    expect(fake.uploads).toHaveLength(1);
  });
});

describe('Discord direct messenger against the fake REST API', () => {
  let fake: Awaited<ReturnType<typeof startFakeDiscordDMs>>;
  beforeAll(async () => {
    fake = await startFakeDiscordDMs({ errors: { '777': 50007 }, rateLimitOnce: { '888': 2 } });
  });
  afterAll(async () => fake.close());

  it('opens the DM channel once, posts the embed with buttons, and maps 50007 and 429', async () => {
    const discord = createDiscordDirectMessenger({ token: 'test-token', apiUrl: fake.url });
    expect(await discord.send(identity('discord', '555'), reply)).toEqual({ status: 'ok' });
    expect(await discord.send(identity('discord', '555'), chart)).toEqual({ status: 'ok' });
    expect(fake.requests.filter((r) => r.path === '/api/v10/users/@me/channels')).toHaveLength(1);
    const messages = fake.requests.filter((r) => r.path === '/api/v10/channels/dm-555/messages');
    expect(messages).toHaveLength(2);
    expect(messages[0]!.body).toMatchObject({ embeds: [{ title: 'A moment to journal' }], components: [{ components: [{ custom_id: 'reminders:off:now' }] }] });
    expect(String(messages[1]!.body)).toContain('progress.png');
    expect(await discord.send(identity('discord', '777'), reply)).toEqual({ status: 'unreachable', code: '50007' });
    const limited = await discord.send(identity('discord', '888'), reply);
    expect(limited.status).toBe('rate_limited');
    expect(limited.status === 'rate_limited' && limited.retryAfterMs).toBeGreaterThanOrEqual(2000);
  });
});

describe('console messenger and the reminders command', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase('pglite');
  });
  afterAll(async () => t.dispose());

  it('writes the DM with its buttons as typed commands', async () => {
    let out = '';
    const messenger = createConsoleMessenger({ write: (s: string) => ((out += s), true) });
    expect(await messenger.send(identity('console', 'robin'), reply)).toEqual({ status: 'ok' });
    expect(out).toContain('A moment to journal');
    expect(out).toContain('[Turn reminders off: reminders off]');
  });

  it('the buttons of a nudge set fewer, pause and off', async () => {
    const core = coreDeps(t.db, '2026-05-01T10:00:00Z');
    const router = routerDeps({ core, registry: createRegistry([reminders]), logger: silentLogger });
    const run = (subcommand: string): Promise<Reply> =>
      dispatch(router, {
        platform: 'console',
        command: 'reminders',
        subcommand,
        options: {},
        user: { platform: 'console', externalId: 'reminders-tester', displayName: 'Robin' },
        channel: { id: 'console', isDM: true },
        requestId: `r-${subcommand}`,
      } satisfies Invocation);
    expect((await run('fewer')).text).toContain('at most once every 3 days');
    const [state] = await sql<{ min_gap_days: number }>(t.db, 'SELECT min_gap_days FROM companion_nudge_state');
    expect(state!.min_gap_days).toBe(3);
    expect((await run('pause')).text).toContain('come back on Fri 8 May 2026');
    expect((await run('off')).title).toBe('Reminders off');
    const [prefs] = await sql<{ preferences: Record<string, unknown> }>(t.db, `SELECT preferences FROM users WHERE first_name = 'Robin'`);
    expect(prefs!.preferences).toMatchObject({ nudges_enabled: false, snooze_until: '2026-05-07' });
    expect((await run('keep')).title).toBe('Reminders on');
  });
});

describe('npm run job', () => {
  it('reads a job name and an ISO --at, and names what is wrong otherwise', () => {
    expect(parseJobArgs(['streak-reminders', '--at', '2026-11-24T19:00:00Z'])).toEqual({ name: 'streak-reminders', at: new Date('2026-11-24T19:00:00Z') });
    expect(parseJobArgs(['--at=2026-11-24T19:00:00+01:00', 'weekly-insights'])).toEqual({ name: 'weekly-insights', at: new Date('2026-11-24T18:00:00Z') });
    expect(parseJobArgs(['streak-reminders', '--at', 'tomorrow'])).toEqual({ error: expect.stringContaining('--at needs an ISO time') });
    expect(parseJobArgs(['streak-reminders', '--at'])).toEqual({ error: expect.stringContaining('got nothing') });
    expect(parseJobArgs([])).toEqual({ error: 'name the job to run' });
  });

  it('refuses an unknown job with one line and exit code 2', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/scheduler/job-cli.ts', 'bogus'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^job: unknown job "bogus"/);
  });
});
