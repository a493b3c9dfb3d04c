import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leavesOf } from '../commands/define.ts';
import { actionInvocation, ALL_COMMANDS, autocomplete, registry } from '../commands/index.ts';
import { createRegistry } from '../commands/registry.ts';
import { REFLECTION_PROMPTS } from '../src/core/reflection-prompts.ts';
import { resolveUser, type PlatformUser } from '../src/core/users.ts';
import { createLogger } from '../src/logger.ts';
import { dispatch, findLeaf, validateOptions } from '../src/router/dispatch.ts';
import { parseCommandText } from '../src/router/text-grammar.ts';
import type { Invocation, Reply, ReplyAction } from '../src/router/types.ts';
import { coreDeps, type TestClock, routerDeps } from './helpers/core.ts';
import { freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';

const subcommandsOf = (command: string) => registry.subcommandsOf(command);

/** The fixed interface: command → subcommand (or the command itself) → option names in order. */
const INTERFACE: Record<string, Record<string, string[]>> = {
  journal: { write: ['content', 'mood', 'tags'], list: ['limit', 'page'], prompt: [] },
  mood: { log: ['mood', 'intensity', 'context', 'triggers'], history: ['days'] },
  checkin: { checkin: ['confidence'] },
  mission: {
    suggest: [],
    list: ['status'],
    catalog: ['difficulty', 'category', 'page'],
    start: ['mission'],
    complete: ['mission', 'difficulty', 'satisfaction', 'notes'],
    skip: ['mission', 'notes'],
  },
  event: {
    list: ['category', 'comfort', 'from', 'to'],
    create: ['title', 'date', 'time', 'description', 'location', 'category', 'comfort', 'capacity', 'price', 'timezone'],
    rsvp: ['event', 'status'],
    attended: ['event', 'rating', 'feedback'],
    cancel: ['event'],
  },
  goal: { add: ['title', 'target', 'target_date', 'category'], update: ['goal', 'progress', 'add', 'action'], list: ['status'], status: ['goal'] },
  progress: { progress: [] },
  achievements: { achievements: [] },
  coach: { start: ['scenario'], scenario: ['situation'], end: [] },
  profile: { show: [], set: ['bio', 'interests', 'goals', 'comfort'] },
  settings: { settings: ['timezone', 'reminder_time', 'nudges', 'quiet_hours', 'snooze'] },
  reminders: { fewer: [], pause: [], off: [], keep: [] },
  privacy: { export: [], delete: ['confirm'] },
  help: { help: ['command'] },
};

describe('command definitions', () => {
  it('the registry accepts every definition, with the fixed names and options', () => {
    expect(() => createRegistry(ALL_COMMANDS)).not.toThrow();
    const shape = Object.fromEntries(
      ALL_COMMANDS.map((c) => [c.name, Object.fromEntries(leavesOf(c).map(({ subcommand, leaf }) => [subcommand ?? c.name, Object.keys(leaf.options)]))]),
    );
    expect(shape).toEqual(INTERFACE);
    expect(registry.get('coach')).toBeDefined();
  });

  it('every leaf has an example that parses into a valid invocation of that leaf', () => {
    for (const command of ALL_COMMANDS) {
      for (const { subcommand, leaf } of leavesOf(command)) {
        expect(leaf.example, `${command.name} ${subcommand ?? ''}`).toBeTruthy();
        const parsed = parseCommandText(leaf.example!, subcommandsOf);
        expect([parsed.command, parsed.subcommand], leaf.example).toEqual([command.name, subcommand]);
        expect(findLeaf(registry, parsed.command, parsed.subcommand)).toBe(leaf);
        expect(() => validateOptions(leaf, parsed), leaf.example).not.toThrow();
      }
    }
  });

  it('autocomplete options are the ones that name a mission, event or goal', () => {
    const marked = ALL_COMMANDS.flatMap((c) =>
      leavesOf(c).flatMap(({ subcommand, leaf }) =>
        Object.entries(leaf.options).flatMap(([name, o]) => (o.autocomplete ? [`${c.name} ${subcommand} ${name}:${o.autocomplete}`] : [])),
      ),
    );
    expect(marked.sort()).toEqual(
      [
        'mission start mission:mission',
        'mission complete mission:mission',
        'mission skip mission:mission',
        'event rsvp event:event',
        'event attended event:event',
        'event cancel event:event',
        'goal update goal:goal',
        'goal status goal:goal',
      ].sort(),
    );
  });
});

const T0 = '2030-03-04T09:00:00.000Z'; // a Monday
const DAY = 86_400_000;

describe('commands through dispatch', () => {
  let t: TestDatabase;
  let deps: ReturnType<typeof coreDeps> & { clock: TestClock };
  const logger = createLogger('silent');
  const seenActions: ReplyAction[] = [];
  let people = 0;

  beforeAll(async () => {
    t = await freshDatabase('pglite');
    deps = coreDeps(t.db, T0);
  });
  afterAll(async () => t.dispose());
  beforeEach(() => deps.clock.set(T0));

  async function send(who: PlatformUser, parts: Pick<Invocation, 'command' | 'subcommand' | 'options' | 'freeText'>): Promise<Reply> {
    const reply = await dispatch(
      routerDeps({ core: deps, registry, logger }),
      { platform: 'console', ...parts, user: who, channel: { id: 'console', isDM: true }, requestId: `req-${Math.random()}` },
    );
    seenActions.push(...(reply.actions ?? []));
    return reply;
  }

  /** A new person who types in the text grammar and presses buttons. */
  function person(displayName = 'Robin Tester') {
    people += 1;
    const who: PlatformUser = { platform: 'console', externalId: `commands-${process.pid}-${people}`, displayName };
    return {
      say: (text: string) => send(who, parseCommandText(text, subcommandsOf)),
      async press(reply: Reply, idPrefix: string, index = 0) {
        const found = (reply.actions ?? []).filter((a) => a.id.startsWith(idPrefix))[index];
        if (!found) throw new Error(`no action ${idPrefix} in ${JSON.stringify(reply.actions)}`);
        const parts = actionInvocation(found.id);
        if (!parts) throw new Error(`action ${found.id} resolves to no command`);
        return send(who, parts);
      },
      id: async () => (await resolveUser(deps, who)).id,
    };
  }

  const titles = (reply: Reply) => (reply.celebrate ?? []).map((a) => a.title);

  it('journal write stores a private entry and celebrates First Steps once', async () => {
    const robin = person();
    const reply = await robin.say('journal write mood:Hopeful tags:"neighbours, small-talk" I said hi to a neighbour');
    expect(reply.visibility).toBe('private');
    expect(reply.text).toMatch(/^Saved, Robin: 6 words, feeling hopeful\./);
    expect(titles(reply)).toEqual(['First Steps']);
    const rows = await sql<{ content: string; mood: string; tags: string[]; is_private: boolean }>(
      t.db,
      'SELECT content, mood, tags, is_private FROM journal_entries WHERE user_id = $1',
      [await robin.id()],
    );
    expect(rows).toEqual([{ content: 'I said hi to a neighbour', mood: 'hopeful', tags: ['neighbours', 'small-talk'], is_private: true }]);
    const second = await robin.say('journal write mood:calm A quiet walk');
    expect(second.celebrate).toBeUndefined();
  });

  it('journal list pages through entries with the older-entries button, and prompt fits the last mood', async () => {
    const sam = person('Sam');
    await sam.say('journal write mood:calm First one');
    deps.clock.advance(60_000);
    await sam.say('journal write mood:hopeful Second one');
    const page1 = await sam.say('journal list limit:1');
    expect(page1.fields?.map((f) => f.value)).toEqual(['Second one']);
    const page2 = await sam.press(page1, 'journal:list:');
    expect(page2.fields?.map((f) => f.value)).toEqual(['First one']);
    expect(page2.actions).toBeUndefined();
    const prompt = await sam.say('journal prompt');
    expect(prompt.text).toMatch(/^Since you last felt hopeful/);
    expect(REFLECTION_PROMPTS.some((p) => prompt.text.includes(p.text))).toBe(true);
    expect((await sam.say('journal list page:not-a-cursor')).text).toMatch(/^page: /);
  });

  // The streak trigger counts days up to the database's own today, so these entries are written near the real date.
  it('consecutive days are counted, and a gap is met with a welcome back, not a loss', async () => {
    const kim = person('Kim');
    deps.clock.set(new Date(Date.now() - DAY));
    await kim.say('journal write mood:calm Yesterday');
    deps.clock.set(new Date());
    expect((await kim.say('journal write mood:calm Today')).text).toMatch(/\nThat's 2 days in a row\.$/);

    const jo = person('Jo');
    deps.clock.set(new Date(Date.now() - 6 * DAY));
    await jo.say('journal write mood:calm Day one');
    deps.clock.advance(DAY);
    await jo.say('journal write mood:calm Day two');
    deps.clock.set(new Date());
    const back = await jo.say('journal write mood:tired Back again');
    expect(back.text).toMatch(/Welcome back/);
    expect(back.text).not.toMatch(/lost|broke|reset|missed/i);
    const progress = await jo.say('progress');
    expect(progress.fields?.find((f) => f.name === 'Streak')?.value).toMatch(/1 day in a row \(longest 2\)/);
  });

  it('mood log stores the mood with its triggers, and history summarises it', async () => {
    const ana = person('Ana');
    const reply = await ana.say('mood log mood:nervous intensity:6 triggers:"work call, crowds" Big meeting tomorrow');
    expect(reply.text).toMatch(/^Logged: nervous, 6\/10\./);
    expect(titles(reply)).toEqual(['Checking In']);
    expect(reply.actions?.map((a) => a.commandText)).toEqual(['journal prompt']);
    const rows = await sql(t.db, 'SELECT mood, intensity, context, triggers FROM mood_tracking WHERE user_id = $1', [await ana.id()]);
    expect(rows).toEqual([{ mood: 'nervous', intensity: 6, context: 'Big meeting tomorrow', triggers: ['work call', 'crowds'] }]);
    const history = await ana.say('mood history days:7');
    expect(history.text).toBe('1 mood log in the last 7 days. Most often: nervous. Average intensity: 6/10. Most common trigger: crowds.');
  });

  it('checkin takes the confidence as free text and stores it', async () => {
    const lee = person('Lee');
    const reply = await lee.say('checkin 7');
    expect(reply.text).toMatch(/^Confidence 7\/10 noted\. Up from 3\./);
    const [row] = await sql<{ confidence_level: string }>(t.db, 'SELECT confidence_level::text FROM users WHERE id = $1', [await lee.id()]);
    expect(Number(row!.confidence_level)).toBe(7);
    expect((await lee.say('checkin 6.5')).text).toMatch(/A little lower than last time \(7\)/);
    expect((await lee.say('checkin 11')).text).toBe('confidence: use a number from 1 to 10');
  });

  it('mission suggest → start → complete through the buttons moves the mission and awards its points', async () => {
    const max = person('Max');
    const suggestion = await max.say('mission suggest');
    const start = suggestion.actions?.find((a) => a.id.startsWith('mission:start:'));
    expect(start?.commandText).toMatch(/^mission start mission:".+"$/);
    expect(suggestion.actions?.map((a) => a.label)).toEqual(['Start it', 'Not now']);
    const missionId = start!.id.slice('mission:start:'.length);
    const userId = await max.id();

    const started = await max.press(suggestion, 'mission:start:');
    expect(started.title).toMatch(/^Started: /);
    const status = async () =>
      (await sql<{ status: string }>(t.db, 'SELECT status FROM user_missions WHERE user_id = $1 AND mission_id = $2', [userId, missionId]))[0]?.status;
    expect(await status()).toBe('in_progress');

    const done = await max.press(started, 'mission:complete:');
    expect(await status()).toBe('completed');
    expect(titles(done)).toContain('Brave Beginning');
    const [points] = await sql<{ total_points: number }>(t.db, 'SELECT total_points FROM users WHERE id = $1', [userId]);
    expect(points!.total_points).toBeGreaterThan(0);
    expect(done.text).toMatch(new RegExp(`${points!.total_points} points in total`));

    const list = await max.say('mission list status:completed');
    expect(list.fields).toHaveLength(1);
    expect(list.fields![0]!.value).toMatch(/^completed/);
    expect((await max.press(done, 'mission:suggest:')).title).toMatch(/Your next mission|Missions/);
  });

  it('mission catalog pages and filters, and skip sets a mission aside', async () => {
    const zoe = person('Zoe');
    const page = await zoe.say('mission catalog difficulty:beginner');
    expect(page.text).toMatch(/^Page 1 of \d+ \(\d+ missions\)/);
    expect(page.fields!.length).toBeGreaterThan(0);
    expect(page.fields!.every((f) => f.value.startsWith('beginner'))).toBe(true);
    const skipped = await zoe.say('mission skip mission:"Give a Compliment" notes:"Not this week"');
    expect(skipped.title).toBe('Skipped: Give a Compliment');
    const [row] = await sql<{ status: string; notes: string }>(
      t.db,
      'SELECT um.status, um.notes FROM user_missions um JOIN missions m ON m.id = um.mission_id WHERE um.user_id = $1',
      [await zoe.id()],
    );
    expect(row).toEqual({ status: 'skipped', notes: 'Not this week' });
    expect((await zoe.say('mission catalog difficulty:expert')).text).toBe('difficulty: choose one of beginner, intermediate, advanced');
  });

  it('event create → rsvp → attended after the clock passes the start', async () => {
    const host = person('Hana Host');
    const guest = person('Gus Guest');
    const created = await host.say(
      'event create title:"Board games night" date:2030-03-06 time:19:00 capacity:4 location:"Cafe Luna" A relaxed evening of easy games',
    );
    expect(created.title).toBe('Event created');
    const eventId = created.actions![0]!.id.slice('event:rsvp:'.length);
    const [event] = await sql(t.db, 'SELECT title, category, comfort_level, max_attendees, organizer_id FROM events WHERE id = $1', [eventId]);
    expect(event).toEqual({ title: 'Board games night', category: 'social', comfort_level: 'low', max_attendees: 4, organizer_id: await host.id() });

    const listed = await guest.say('event list comfort:low');
    const field = listed.fields?.find((f) => f.name === 'Board games night');
    expect(field?.value).toMatch(/0 people going, 4 seats left/);
    const going = await guest.press(listed, `event:rsvp:${eventId}`);
    expect(going.text).toMatch(/^You're going to “Board games night”, Wed 6 Mar, 19:00\. 3 seats left\./);
    const attendee = async () =>
      (await sql<{ status: string; rating: number | null }>(t.db, 'SELECT status, rating FROM event_attendees WHERE event_id = $1 AND user_id = $2', [eventId, await guest.id()]))[0];
    expect(await attendee()).toEqual({ status: 'going', rating: null });

    expect((await guest.say(`event attended ${eventId}`)).text).toMatch(/Come back once it has begun/);
    deps.clock.set('2030-03-06T21:00:00.000Z');
    const went = await guest.say(`event attended event:${eventId} rating:5 feedback:"Everyone was kind"`);
    expect(went.text).toMatch(/^You went to “Board games night”, Gus\./);
    expect(titles(went)).toEqual(['Showed Up']);
    expect(await attendee()).toEqual({ status: 'attended', rating: 5 });
  });

  it('only the organizer can cancel an event, and it then leaves the list', async () => {
    const host = person('Olive');
    const other = person('Otto');
    const created = await host.say('event create title:"Picnic in the park" date:2030-03-09 time:12:00 comfort:medium Bring a snack');
    const eventId = created.actions![0]!.id.slice('event:rsvp:'.length);
    expect((await other.say(`event cancel ${eventId}`)).text).toBe('Only the organizer of “Picnic in the park” can cancel it.');
    expect((await host.say(`event cancel ${eventId}`)).title).toBe('Event cancelled');
    const list = await other.say('event list');
    expect(list.fields?.map((f) => f.name) ?? []).not.toContain('Picnic in the park');
  });

  it('goal add → update → status tracks progress and completes the goal', async () => {
    const gia = person('Gia');
    const added = await gia.say('goal add target:2 category:conversation Say hello to two neighbours');
    expect(added.title).toBe('New goal');
    const goalRow = async () =>
      (await sql<{ current_value: number; status: string; target_value: number; category: string }>(
        t.db,
        'SELECT current_value, status, target_value, category FROM social_goals WHERE user_id = $1',
        [await gia.id()],
      ))[0];
    expect(await goalRow()).toEqual({ current_value: 0, status: 'active', target_value: 2, category: 'conversation' });

    const once = await gia.press(added, 'goal:update:');
    expect(once.text).toBe('Progress logged: 1 of 2. Every step counts.');
    expect(await goalRow()).toMatchObject({ current_value: 1, status: 'active' });

    const reached = await gia.say('goal update goal:"two neighbours" add:1');
    expect(reached.title).toBe('Goal reached');
    expect(titles(reached)).toEqual(['Goal Reached']);
    expect(await goalRow()).toMatchObject({ current_value: 2, status: 'completed' });

    const status = await gia.say('goal status Say hello');
    expect(status.title).toBe('Say hello to two neighbours');
    expect(status.fields![0]!.value).toMatch(/^2 of 2 · ▰{10} 100% · completed$/);
    expect((await gia.say('goal list')).fields?.map((f) => f.name)).toEqual(['Say hello to two neighbours']);
  });

  it('goal update pauses and resumes, and refuses a value with another action', async () => {
    const pat = person('Pat');
    await pat.say('goal add Join a club');
    expect((await pat.say('goal update goal:"Join a club" action:pause progress:3')).text).toMatch(/^progress and add go with action:progress/);
    expect((await pat.say('goal update goal:"Join a club" action:pause')).title).toBe('Goal paused');
    expect((await pat.say('goal update Join a club')).text).toMatch(/is paused, so progress can't be logged yet/);
    expect((await pat.say('goal update goal:"Join a club" action:resume')).title).toBe('Goal resumed');
  });

  it('profile set parses lists and comfort levels, and show reads them back', async () => {
    const pia = person('Pia');
    const set = await pia.say(
      'profile set interests:"Board games, hiking" goals:"Talk to one new person a week; Join a club, maybe two" comfort:"events:2, Group Social=4" I like quiet cafes',
    );
    expect(set.title).toBe('Profile updated');
    const [row] = await sql(t.db, 'SELECT bio, interests, social_goals, comfort_levels FROM user_profiles WHERE user_id = $1', [await pia.id()]);
    expect(row).toEqual({
      bio: 'I like quiet cafes',
      interests: ['board games', 'hiking'],
      social_goals: ['Talk to one new person a week', 'Join a club, maybe two'],
      comfort_levels: { events: 2, group_social: 4 },
    });
    const shown = await pia.say('profile show');
    expect(shown.title).toBe("Pia's profile");
    expect(shown.fields?.find((f) => f.name.startsWith('Comfort'))?.value).toBe('events 2/5, group social 4/5');
    await pia.say('profile set comfort:events:off');
    expect((await pia.say('profile show')).fields?.find((f) => f.name.startsWith('Comfort'))?.value).toBe('group social 4/5');
    expect((await pia.say('profile set comfort:"events is hard"')).text).toMatch(/^comfort: write it like "events:2, conversation:4"/);
    expect((await pia.say('profile set comfort:events:9')).text).toMatch(/^comfort: /);
    expect((await pia.say('profile set')).text).toMatch(/^Tell me what to change/);
  });

  it('settings changes are saved and shown; no options shows the current ones', async () => {
    const sol = person('Sol');
    const shown = await sol.say('settings');
    expect(shown.title).toBe('Settings');
    expect(shown.fields?.find((f) => f.name === 'Time zone')?.value).toMatch(/^UTC \(the default/);

    const changed = await sol.say('settings timezone:Europe/Berlin reminder_time:8:30 quiet_hours:22:00-07:00 snooze:3 nudges:off');
    expect(changed.text).toMatch(/Reminders rest through Wed 6 Mar 2030 and come back on Thu 7 Mar 2030/);
    const [row] = await sql<{ preferences: Record<string, unknown> }>(t.db, 'SELECT preferences FROM users WHERE id = $1', [await sol.id()]);
    expect(row!.preferences).toMatchObject({
      timezone: 'Europe/Berlin',
      reminder_time: '08:30',
      quiet_hours: { start: '22:00', end: '07:00' },
      snooze_until: '2030-03-06',
      nudges_enabled: false,
    });
    const again = await sol.say('settings');
    expect(again.fields?.find((f) => f.name === 'Quiet hours')?.value).toBe('22:00-07:00');

    await sol.say('settings snooze:off quiet_hours:off');
    const [after] = await sql<{ preferences: Record<string, unknown> }>(t.db, 'SELECT preferences FROM users WHERE id = $1', [await sol.id()]);
    expect(after!.preferences).not.toHaveProperty('snooze_until');
    expect(after!.preferences).not.toHaveProperty('quiet_hours');

    expect((await sol.say('settings quiet_hours:late')).text).toBe('quiet_hours: write it like 22:00-07:00, or off');
    expect((await sol.say('settings reminder_time:25:00')).text).toMatch(/^reminder_time: use 24-hour HH:MM/);
    expect((await sol.say('settings snooze:2000-01-01')).text).toMatch(/^snooze: that date has passed/);
    expect((await sol.say('settings timezone:Mars/Olympus')).text).toMatch(/^timezone: is not a time zone I know/);
  });

  it('privacy export summarises what is included, and delete needs a confirmation', async () => {
    const dee = person('Dee');
    await dee.say('journal write mood:calm Something to export');
    const exported = await dee.say('privacy export');
    expect(exported.text).toMatch(/^Your export is ready: .* as JSON \(\d+(\.\d)? (KB|bytes)\)/);
    expect(exported.fields?.[0]?.value).toMatch(/journal entries: 1/);

    const userId = await dee.id();
    const ask = await dee.say('privacy delete');
    expect(ask.title).toBe('Delete everything?');
    expect(ask.actions?.[0]).toEqual({ id: 'privacy:delete:confirm', label: 'Delete everything', style: 'danger', commandText: 'privacy delete confirm:yes' });
    expect(await sql(t.db, 'SELECT id FROM users WHERE id = $1', [userId])).toHaveLength(1);

    const gone = await dee.press(ask, 'privacy:delete:confirm');
    expect(gone.title).toBe('Your data is deleted');
    expect(gone.text).toMatch(/^Done, Dee: everything is deleted/);
    expect(await sql(t.db, 'SELECT id FROM users WHERE id = $1', [userId])).toHaveLength(0);
    expect(await sql(t.db, 'SELECT id FROM journal_entries WHERE user_id = $1', [userId])).toHaveLength(0);
  });

  it('help lists every command with an example, and explains one command from its definition', async () => {
    const hal = person('Hal');
    const all = await hal.say('help');
    expect(all.fields?.map((f) => f.name)).toEqual(ALL_COMMANDS.map((c) => c.name));
    expect(all.fields?.every((f) => /\nExample: \S/.test(f.value))).toBe(true);

    const journal = await hal.say('help journal');
    expect(journal.fields?.map((f) => f.name)).toEqual(['journal write', 'journal list', 'journal prompt']);
    const write = journal.fields![0]!.value;
    expect(write).toMatch(/• content \(required\): .*text up to 4,000 characters; or just write it after the other options/);
    expect(write).toMatch(/• mood \(required\): /);
    expect(write).toMatch(/• tags: /);
    expect(write).toMatch(/Example: journal write mood:hopeful I said hi to a neighbour$/);
    expect(journal.fields![2]!.value).toMatch(/No options\./);

    expect((await hal.say('help mood log')).fields?.map((f) => f.name)).toEqual(['mood log']);
    expect((await hal.say('help jurnal')).text).toBe('I don\'t know the command "jurnal". Did you mean journal? Type help to see them all.');
  });

  it('progress and achievements show what was done and what is within reach', async () => {
    const ray = person('Ray');
    const empty = await ray.say('progress');
    expect(empty.text).toMatch(/^Everything starts somewhere, Ray/);
    await ray.say('journal write mood:proud I spoke up in a meeting');
    const progress = await ray.say('progress');
    expect(progress.fields?.map((f) => f.name)).toEqual(['Streak', 'Totals', 'This week', 'Confidence']);
    expect(progress.fields![0]!.value).toMatch(/1 day in a row/);
    expect(progress.fields![1]!.value).toMatch(/^1 journal entry\n/);
    expect(progress.image).toMatchObject({ filename: 'progress.png', alt: expect.stringMatching(/moods on 1 day, most often proud \(1\); 0 missions/) });

    const achievements = await ray.say('achievements');
    expect(achievements.fields?.[0]).toMatchObject({ name: 'Earned', value: expect.stringMatching(/^📝 First Steps: /) });
    const reach = achievements.fields?.[1]?.value.split('\n').filter((l) => !l.startsWith('   ')) ?? [];
    // The closest are the ones a single step away, such as a first mission or a first mood log.
    expect(reach).toHaveLength(5);
    expect(reach.every((line) => / 0\/1 /.test(line))).toBe(true);
    expect(reach).toContainEqual(expect.stringMatching(/^🌱 Brave Beginning: 0\/1 /));
  });

  it('validation errors name the option and what is allowed', async () => {
    const val = person('Val');
    expect((await val.say('mood log mood:happy intensity:11')).text).toBe('intensity: use a whole number from 1 to 10');
    expect((await val.say('journal write mood:calm')).text).toBe('content: is required');
    expect((await val.say(`journal write mood:calm ${'x'.repeat(4001)}`)).text).toBe('content: write at most 4,000 characters');
    expect((await val.say('goal add target_date:2000-01-01 Old goal')).text).toMatch(/^target_date: 2000-01-01 has already passed/);
    expect((await val.say('event create title:x date:tomorrow time:19:00 Fun')).text).toMatch(/^date: use a real date/);
    expect((await val.say('event create title:x date:2030-03-10 time:19:00 comfort:none Fun')).text).toBe('comfort: choose one of low, medium, high');
    expect((await val.say('event rsvp event:x status:maybe')).text).toBe('status: choose one of going, interested, not_going');
    expect((await val.say('goal add target:0 Zero')).text).toBe('target: use a whole number from 1 to 10000');
    expect((await val.say('settings nudges:sometimes')).text).toBe('nudges: use on or off');
    expect((await val.say(`journal write mood:${'m'.repeat(51)} Hi`)).text).toBe('mood: write at most 50 characters');
    expect((await val.say(`profile set interests:"ok, ${'x'.repeat(51)}"`)).text).toBe('interests: keep each interest to at most 50 characters');
    expect((await val.say('event create title:x date:2030-03-10 time:7pm Fun')).text).toMatch(/^time: use 24-hour HH:MM/);
    expect((await val.say('event create title:"Early coffee" date:2030-03-10 time:7:30 Fun')).title).toBe('Event created');
  });

  it('autocomplete offers missions, upcoming events and the person’s own goals by id', async () => {
    const ace = person('Ace');
    const userId = await ace.id();
    const missions = await autocomplete(deps, userId, 'mission', 'compliment');
    expect(missions.map((m) => m.name)).toContain('Give a Compliment (beginner)');
    await ace.say('event create title:"Autocomplete social" date:2030-03-20 time:18:00 Hello');
    const events = await autocomplete(deps, userId, 'event', 'autocomplete');
    expect(events).toEqual([{ name: 'Autocomplete social · 2030-03-20 18:00', value: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    await ace.say('goal add Ask a question in class');
    const goals = await autocomplete(deps, userId, 'goal', 'question');
    expect(goals).toEqual([{ name: 'Ask a question in class (0%)', value: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    expect(await autocomplete(deps, (await person().id()), 'goal', 'question')).toEqual([]);
    expect((await autocomplete(deps, userId, 'mission', '')).length).toBeLessThanOrEqual(25);
    expect(await autocomplete(deps, userId, 'event', 'x'.repeat(500))).toEqual([]);
  });

  it('every button seen fits Discord and means the same command as its typed form', () => {
    expect(seenActions.length).toBeGreaterThan(10);
    for (const a of seenActions) {
      expect(a.id.length, a.id).toBeLessThanOrEqual(100);
      expect(a.label.length).toBeLessThanOrEqual(80);
      const pressed = actionInvocation(a.id);
      const typed = parseCommandText(a.commandText!, subcommandsOf);
      expect(pressed, a.id).toBeDefined();
      expect([pressed!.command, pressed!.subcommand], a.id).toEqual([typed.command, typed.subcommand]);
      const leaf = findLeaf(registry, typed.command, typed.subcommand);
      expect(() => validateOptions(leaf, pressed!), a.id).not.toThrow();
      expect(() => validateOptions(leaf, typed), a.commandText).not.toThrow();
    }
  });
});
