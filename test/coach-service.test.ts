import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCoach, type CoachConfig } from '../src/coach/coach.ts';
import { createArrivalOrder } from '../src/coach/direct-message.ts';
import { buildPrompt, messagesTokens, type CoachContext } from '../src/coach/context.ts';
import type { CoachProvider } from '../src/coach/provider.ts';
import type { CoachService, CoachStreamEvents } from '../src/coach/types.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { addGoal } from '../src/core/goals.ts';
import { logMood } from '../src/core/mood.ts';
import { completeMission, startMission } from '../src/core/missions.ts';
import { deleteUserData, exportUserData } from '../src/core/privacy.ts';
import { updateProfile } from '../src/core/profile.ts';
import { updateSettings, type CompanionUser } from '../src/core/users.ts';
import { createLogger } from '../src/logger.ts';
import { coreDeps, newUser, type TestClock } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import { startFakeOpenAI, type FakeOpenAI, type FakeRequest, type FakeResponse } from './helpers/fake-openai.ts';

const MINUTE = 60_000;

interface Row {
  id: string;
  content: string;
  sender: string;
  message_type: string;
  metadata: Record<string, unknown>;
}

/** Records what a platform would be shown. */
function recorder() {
  const seen: string[] = [];
  const deltas: string[] = [];
  const events: CoachStreamEvents = {
    onThinking: () => {
      seen.push('thinking');
    },
    onText: (delta) => {
      seen.push('text');
      deltas.push(delta);
    },
  };
  return { seen, deltas, events };
}

const lastUser = (r: FakeRequest) => [...r.body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
const system = (r: FakeRequest) => r.body.messages.find((m) => m.role === 'system')?.content ?? '';

describe.each(DB_KINDS)('coach service on %s', (kind) => {
  let t: TestDatabase;
  let deps: CoreDeps & { clock: TestClock };
  let fake: FakeOpenAI;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    deps = coreDeps(t.db, '2026-11-24T10:00:00.000Z');
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake.close();
    await t.dispose();
  });
  beforeEach(() => {
    fake.reset();
    deps.clock.set('2026-11-24T10:00:00.000Z');
  });

  const coachWith = (config: Partial<CoachConfig> = {}): CoachService =>
    createCoach({
      core: deps,
      config: {
        apiKey: 'test-key',
        baseUrl: fake.baseUrl,
        model: 'fake-model',
        timeoutMs: 5000,
        maxRetries: 2,
        dailyMessages: 60,
        dailyTokens: 40_000,
        ...config,
      },
      logger: createLogger('silent'),
    });

  const messagesOf = (userId: string) =>
    sql<Row>(
      t.db,
      `SELECT m.id, m.content, m.sender, m.message_type, m.metadata FROM coach_messages m
         JOIN coach_conversations c ON c.id = m.conversation_id WHERE c.user_id = $1 ORDER BY m.timestamp, m.id`,
      [userId],
    );
  const conversationsOf = (userId: string) =>
    sql<{ id: string; ended_at: Date | null; session_summary: string | null }>(
      t.db,
      'SELECT id, ended_at, session_summary FROM coach_conversations WHERE user_id = $1 ORDER BY created_at, id',
      [userId],
    );
  const say = (coach: CoachService, user: CompanionUser, text: string, events?: CoachStreamEvents) =>
    coach.message({ user, text, platform: { name: 'console' } }, events);

  it('answers from the model, streaming its text in order, and stores both messages with the token usage', async () => {
    fake.script([{ chunks: ['Hi there. ', 'Saying hello ', 'took courage! ', 'What felt easiest?'], usage: { prompt_tokens: 90, completion_tokens: 12, total_tokens: 102 } }]);
    const coach = coachWith();
    const user = await newUser(deps);
    const { seen, deltas, events } = recorder();
    const reply = await say(coach, user, 'I said hello to my neighbour today', events);

    expect(reply).toMatchObject({ source: 'model', messageType: 'text', text: 'Hi there. Saying hello took courage! What felt easiest?' });
    expect(deltas.join('')).toBe(reply.text);
    expect(deltas.length).toBeGreaterThan(1);
    expect(seen[0]).toBe('thinking');
    expect(seen.filter((s) => s === 'thinking')).toHaveLength(1);

    const [request] = fake.requests;
    expect(request!.body).toMatchObject({ model: 'fake-model', stream: true, stream_options: { include_usage: true }, max_tokens: 400 });
    expect(lastUser(request!)).toBe('I said hello to my neighbour today');
    expect(system(request!)).toContain('not a therapist');
    // A second pair of eyes for crisis wording the local rules miss.
    expect(system(request!)).toMatch(/crisis line or emergency services/);

    const rows = await messagesOf(user.id);
    expect(rows.map((r) => [r.sender, r.content])).toEqual([
      ['user', 'I said hello to my neighbour today'],
      ['coach', reply.text],
    ]);
    expect(rows[1]!.id).toBe(reply.messageId);
    expect(rows[1]!.metadata).toMatchObject({ source: 'model', usage: { total_tokens: 102 } });
    expect(rows[0]!.metadata).toMatchObject({ platform: { name: 'console' } });
    // The first conversation is a first coach session: celebrated once.
    expect(reply.celebrate?.map((a) => a.title)).toEqual(['Talking It Through']);
    expect((await say(coach, user, 'and another thing')).celebrate).toBeUndefined();
  });

  it('retries a 429 and then answers from the model', async () => {
    fake.script([{ status: 429 }]);
    const reply = await say(coachWith(), await newUser(deps), 'hello coach');
    expect(reply.source).toBe('model');
    expect(fake.streamed()).toHaveLength(2);
  });

  it('answers with the labelled offline coach when the server keeps failing with 500, keeping the message', async () => {
    fake.script([], { status: 500 });
    const user = await newUser(deps);
    const { deltas, events } = recorder();
    const reply = await say(coachWith({ maxRetries: 1 }), user, 'I feel stuck about meeting people', events);
    expect(reply.source).toBe('offline');
    expect(reply.text.startsWith('(Offline coach)')).toBe(true);
    expect(deltas.join('')).toBe(reply.text);
    expect(fake.requests).toHaveLength(2);
    const rows = await messagesOf(user.id);
    expect(rows.map((r) => r.sender)).toEqual(['user', 'coach']);
    expect(rows[0]!.content).toBe('I feel stuck about meeting people');
    expect(rows[1]!.metadata).toMatchObject({ source: 'offline', offlineReason: 'http_500' });
  });

  it('answers offline when the server hangs, once the configured timeout has passed', async () => {
    fake.script([], { hang: true });
    const reply = await say(coachWith({ timeoutMs: 300, maxRetries: 0 }), await newUser(deps), 'are you there?');
    expect(reply.source).toBe('offline');
    expect(reply.text).toMatch(/^\(Offline coach\)/);
  });

  it('finishes a reply the model stopped partway with a short note and the offline suggestion', async () => {
    fake.script([{ chunks: ['That was a brave step. ', 'Next time you could'], hangAfterChunks: true }]);
    const user = await newUser(deps);
    const { deltas, events } = recorder();
    const reply = await say(coachWith({ timeoutMs: 400, maxRetries: 0 }), user, 'I joined a group chat', events);
    expect(reply.source).toBe('offline');
    expect(reply.text.startsWith('That was a brave step. Next time you could')).toBe(true);
    expect(reply.text).toContain('(Offline coach) I lost my connection partway through');
    expect(deltas.join('')).toBe(reply.text);
    const rows = await messagesOf(user.id);
    expect(rows[1]!.metadata).toMatchObject({ partial: true, offlineReason: 'deadline' });
  });

  it('answers a crisis message with the safety reply, flags it, and never sends it to the model, then or later', async () => {
    const coach = coachWith();
    const user = await newUser(deps);
    const crisisText = "honestly everyone would be better off without me, I don't want to be here anymore";
    const reply = await coach.message({ user, text: crisisText, locale: 'en-GB' });
    expect(reply.source).toBe('safety');
    expect(reply.text).toContain('116 123');
    expect(fake.requests).toHaveLength(0);

    const rows = await messagesOf(user.id);
    expect(rows[0]!.metadata).toMatchObject({ crisis: true });
    expect((rows[0]!.metadata.signals as string[]).length).toBeGreaterThan(0);
    expect(rows[1]!.metadata).toMatchObject({ source: 'safety' });

    await say(coach, user, 'thank you for listening');
    expect(fake.requests).toHaveLength(1);
    expect(JSON.stringify(fake.requests[0]!.body.messages)).not.toContain('better off without me');
  });

  it('passes model output through the guard and flags the change', async () => {
    fake.script([{ chunks: ['It sounds like you have social anxiety disorder. ', 'Try saying hi to one person this week.'] }]);
    const user = await newUser(deps);
    const { deltas, events } = recorder();
    const reply = await say(coachWith(), user, 'parties scare me', events);
    expect(reply.text).not.toContain('you have social anxiety disorder');
    expect(reply.text).toContain('Try saying hi to one person this week.');
    expect(deltas.join('')).toBe(reply.text);
    const rows = await messagesOf(user.id);
    expect(rows[1]!.metadata).toMatchObject({ guarded: true, guardReasons: ['diagnosis'] });
  });

  it('caps a reply at the maximum length', async () => {
    fake.script([{ chunks: ['word '.repeat(40), 'more '.repeat(40), 'and more. '] }]);
    const { deltas, events } = recorder();
    const reply = await say(coachWith({ maxReplyChars: 60 }), await newUser(deps), 'talk to me', events);
    expect(reply.text.length).toBeLessThanOrEqual(60);
    expect(reply.text.endsWith('…')).toBe(true);
    expect(deltas.join('')).toBe(reply.text);
  });

  it('summarises a conversation idle for 30 minutes and carries the summary into the next one', async () => {
    fake.script([], (request) =>
      request.body.stream ? { chunks: ['Glad you shared that. ', 'How did it go?'] } : { chunks: ['They practised small talk and planned to greet a colleague.'] },
    );
    const coach = coachWith();
    const user = await newUser(deps);
    const first = await say(coach, user, 'I want to get better at small talk at work');
    deps.clock.advance(29 * MINUTE);
    const second = await say(coach, user, 'still here');
    expect(second.conversationId).toBe(first.conversationId);

    deps.clock.advance(31 * MINUTE);
    const third = await say(coach, user, 'I said hi to Sam today');
    expect(third.conversationId).not.toBe(first.conversationId);

    const conversations = await conversationsOf(user.id);
    expect(conversations).toHaveLength(2);
    expect(conversations[0]!.ended_at).not.toBeNull();
    expect(conversations[0]!.session_summary).toBe('They practised small talk and planned to greet a colleague.');
    expect(conversations[1]!.ended_at).toBeNull();

    const summaryRequest = fake.requests.find((r) => !r.body.stream)!;
    expect(JSON.stringify(summaryRequest.body.messages)).toContain('small talk at work');
    const last = fake.streamed().at(-1)!;
    expect(system(last)).toContain('They practised small talk and planned to greet a colleague.');
    // The new conversation starts fresh: the old messages are not sent again.
    expect(last.body.messages.map((m) => m.content)).not.toContain('still here');
  });

  it('closes idle conversations with a rule-based summary when there is no model, and end reports whether one was open', async () => {
    const offline = coachWith({ apiKey: undefined });
    const user = await newUser(deps);
    await say(offline, user, 'any tips for networking events?');
    expect(await offline.closeIdleConversations()).toBe(0);
    deps.clock.advance(29 * MINUTE);
    expect(await offline.closeIdleConversations()).toBe(0);
    deps.clock.advance(2 * MINUTE);
    expect(await offline.closeIdleConversations()).toBeGreaterThanOrEqual(1);
    const [closed] = await conversationsOf(user.id);
    expect(closed!.ended_at).not.toBeNull();
    expect(closed!.session_summary).toMatch(/^They sent the coach 1 message/);
    expect(closed!.session_summary).toContain('They asked for tips.');

    await say(offline, user, 'hello again');
    expect(await offline.end(user)).toMatchObject({ ended: true });
    expect(await offline.end(user)).toEqual({ ended: false });
    expect(fake.requests).toHaveLength(0);
  });

  it('gives a friendly limit reply after the daily message cap without asking the model, and resets the next local day', async () => {
    const coach = coachWith({ dailyMessages: 2 });
    const user = await newUser(deps);
    await updateSettings(deps, user.id, { timezone: 'America/New_York' });
    const local = { ...user, settings: { ...user.settings, timezone: 'America/New_York' } };
    deps.clock.set('2026-11-24T15:00:00.000Z'); // 10:00 in New York
    await say(coach, local, 'one');
    await say(coach, local, 'two');
    const { deltas, events } = recorder();
    const limited = await say(coach, local, 'three', events);
    expect(limited.source).toBe('limit');
    expect(limited.text).toContain('nothing is lost');
    expect(deltas.join('')).toBe(limited.text);
    expect(fake.streamed()).toHaveLength(2);
    const rows = await messagesOf(user.id);
    expect(rows.filter((r) => r.sender === 'user').map((r) => r.content)).toEqual(['one', 'two', 'three']);

    deps.clock.set('2026-11-25T04:59:00.000Z'); // still the 24th in New York
    expect((await say(coach, local, 'four')).source).toBe('limit');
    deps.clock.set('2026-11-25T05:01:00.000Z'); // the 25th
    expect((await say(coach, local, 'five')).source).toBe('model');
  });

  it('gives the limit reply once the daily token cap is used up', async () => {
    const coach = coachWith({ dailyTokens: 200 });
    const user = await newUser(deps);
    expect((await say(coach, user, 'one')).source).toBe('model'); // 120 tokens
    expect((await say(coach, user, 'two')).source).toBe('model'); // 240
    expect((await say(coach, user, 'three')).source).toBe('limit');
    expect(fake.streamed()).toHaveLength(2);
  });

  it("runs one person's concurrent messages one at a time, in order, and other people's alongside", async () => {
    fake.script([], (request, index): FakeResponse => ({ delayMs: index === 0 ? 150 : 10, chunks: [`Re: ${lastUser(request)}.`] }));
    const coach = coachWith();
    const user = await newUser(deps);
    const other = await newUser(deps);
    const order: string[] = [];
    const turns = ['first', 'second', 'third'].map((text) => say(coach, user, text).then((r) => (order.push(r.text), r)));
    const otherTurn = say(coach, other, 'meanwhile');
    const replies = await Promise.all(turns);
    await otherTurn;
    await coach.drain();

    expect(replies.map((r) => r.text)).toEqual(['Re: first.', 'Re: second.', 'Re: third.']);
    expect(order).toEqual(['Re: first.', 'Re: second.', 'Re: third.']);
    const rows = await messagesOf(user.id);
    expect(rows.map((r) => r.content)).toEqual(['first', 'Re: first.', 'second', 'Re: second.', 'third', 'Re: third.']);
    const third = fake.requests.find((r) => lastUser(r) === 'third')!;
    expect(third.body.messages.map((m) => m.content)).toEqual(expect.arrayContaining(['first', 'Re: first.', 'second', 'Re: second.']));
  });

  it('plays the other person in a scenario, then gives feedback when asked how it went', async () => {
    fake.script([], (request) => ({ chunks: [system(request).includes('Step out of the role') ? 'You asked a great question. Try sharing one detail next.' : 'Oh hi! Are you new here?'] }));
    const coach = coachWith();
    const user = await newUser(deps);
    const opening = await coach.start({ user, scenario: 'introducing myself at a book club' });
    expect(opening).toMatchObject({ messageType: 'scenario', source: 'model', text: 'Oh hi! Are you new here?' });
    expect(system(fake.requests[0]!)).toContain('You play the other person');
    expect(system(fake.requests[0]!)).toContain('introducing myself at a book club');

    const line = await say(coach, user, "Yes! I'm Alex, what are you reading?");
    expect(line.messageType).toBe('scenario');
    expect(system(fake.requests[1]!)).toContain('Continue the scene');

    const feedback = await say(coach, user, 'how did I do?');
    expect(feedback.messageType).toBe('scenario');
    expect(feedback.text).toContain('great question');
    expect(system(fake.requests[2]!)).toContain('Step out of the role');

    const after = await say(coach, user, 'thanks!');
    expect(after.messageType).toBe('text');
    const rows = await messagesOf(user.id);
    expect(rows.map((r) => r.message_type)).toEqual(['scenario', 'scenario', 'scenario', 'scenario', 'scenario', 'scenario', 'text', 'text']);
  });

  it('ending a role-play gives offline feedback and a summary when there is no model', async () => {
    const coach = coachWith({ apiKey: undefined });
    const user = await newUser(deps);
    const opening = await coach.start({ user, scenario: 'asking a coworker to lunch' });
    expect(opening.text).toMatch(/^\(Offline coach\) Let's practise: asking a coworker to lunch/);
    await say(coach, user, 'Hey, do you want to grab lunch on Friday?');
    const result = await coach.end(user);
    expect(result.ended).toBe(true);
    expect(result.feedback?.text).toContain('You asked 1 question');
    expect(result.summary).toContain('They practised a role-play (asking a coworker to lunch)');
  });

  it('without a key, the offline coach answers from their own progress with a fitting mission and never calls a server', async () => {
    const coach = coachWith({ apiKey: undefined });
    const user = await newUser(deps);
    const [done] = await sql<{ id: string; title: string }>(t.db, `SELECT id, title FROM missions WHERE category = 'social_skills' ORDER BY title LIMIT 1`);
    await completeMission(deps, user.id, { mission: done!.id });
    const { seen, deltas, events } = recorder();
    const reply = await say(coach, user, "I'm nervous about a party this weekend", events);
    expect(reply.source).toBe('offline');
    expect(reply.text).toMatch(/^\(Offline coach\) It makes sense to feel nervous about a social event this weekend\./);
    expect(reply.text).toContain('plan your first five minutes');
    expect(reply.text).toContain(`You've already done "${done!.title}"`);
    expect(reply.text).toMatch(/\?$/);
    expect(reply.text.match(/\?/g)).toHaveLength(1);
    expect(reply.suggestedMission).toBeDefined();
    expect(reply.text).toContain(reply.suggestedMission!.title);
    const [mission] = await sql<{ category: string }>(t.db, 'SELECT category FROM missions WHERE id = $1', [reply.suggestedMission!.id]);
    expect(mission!.category).toBe('events');
    expect(deltas.join('')).toBe(reply.text);
    expect(seen).not.toContain('thinking');
    expect(fake.requests).toHaveLength(0);
  });

  it('fits the offline reply to what they said: a greeting, a win, a date, loneliness, work, small talk', async () => {
    const coach = coachWith({ apiKey: undefined });
    const user = await newUser(deps, { displayName: 'Robin Example' });
    await addGoal(deps, user.id, { title: 'Speak up in meetings', target: 5 });
    const hi = await say(coach, user, 'hi');
    expect(hi.text).toMatch(/^\(Offline coach\) Hi Robin, good to hear from you\./);
    expect(hi.text).toContain('"Speak up in meetings"');
    expect(hi.suggestedMission).toBeUndefined();

    const win = await say(coach, user, 'I did it! I spoke up in the meeting today');
    expect(win.text).toContain("That's brilliant");
    expect(win.text).toContain('real movement on your goal "Speak up in meetings"');

    const date = await say(coach, user, 'I have a first date on friday and I am scared');
    expect(date.text).toContain('Feeling nervous about a date on Friday is completely normal');
    expect(date.suggestedMission).toBeUndefined();

    expect((await say(coach, user, 'I feel so lonely lately')).text).toContain('Feeling lonely is hard');
    expect((await say(coach, user, 'My colleagues never include me at lunch')).text).toContain('Work relationships');
    expect((await say(coach, user, 'I struggle with small talk with strangers')).text).toContain('a skill, not a personality trait');
    for (const row of await messagesOf(user.id)) {
      if (row.sender === 'coach') {
        expect(row.content).toMatch(/^\(Offline coach\) /);
        expect(row.content).not.toMatch(/lost|broke|failed|missed/i);
      }
    }
  });

  it('never sends a crisis message to the model in the session summary, and stores a message before summarising the idle conversation', async () => {
    const user = await newUser(deps);
    const sent: string[] = [];
    const storedAtSummary: string[][] = [];
    const provider: CoachProvider = {
      async stream({ messages, onDelta }) {
        sent.push(JSON.stringify(messages));
        await onDelta('I hear you. Tell me more?');
        return { text: 'I hear you. Tell me more?', usage: undefined };
      },
      async complete({ messages }) {
        sent.push(JSON.stringify(messages));
        storedAtSummary.push((await messagesOf(user.id)).map((r) => r.content));
        return { text: 'They talked about their week.', usage: undefined };
      },
    };
    const coach = createCoach({
      core: deps,
      provider,
      config: { apiKey: 'k', baseUrl: undefined, model: 'm', timeoutMs: 2000, maxRetries: 0, dailyMessages: 60, dailyTokens: 40_000 },
      logger: createLogger('silent'),
    });
    await say(coach, user, 'my week was long');
    expect((await say(coach, user, 'honestly everyone would be better off without me')).source).toBe('safety');
    await say(coach, user, 'thanks for listening');
    deps.clock.advance(31 * MINUTE);
    // The next message ends the idle conversation; its summary is asked for only once the message is stored.
    const next = await say(coach, user, 'back again');
    expect(next.source).toBe('model');
    expect(storedAtSummary).toHaveLength(1);
    expect(storedAtSummary[0]).toContain('back again');
    for (const request of sent) expect(request).not.toContain('better off without me');
    expect(sent.find((r) => r.includes('Summarise'))).toContain('my week was long');
    expect(sent.at(-1)).toContain('They talked about their week.');
  });

  it('checks a scenario for crisis language before anything reaches the model, even with a conversation open', async () => {
    const coach = coachWith();
    const user = await newUser(deps);
    await say(coach, user, 'hello');
    fake.reset();
    const reply = await coach.start({ user, scenario: 'telling my family goodbye before I kill myself' });
    expect(reply.source).toBe('safety');
    expect(fake.requests).toHaveLength(0);
    const rows = await messagesOf(user.id);
    expect(rows.find((r) => r.content.includes('kill myself'))!.metadata).toMatchObject({ crisis: true });
  });

  it('logs ids and reasons, never what the person wrote', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    const coach = createCoach({
      core: deps,
      config: { apiKey: 'k', baseUrl: fake.baseUrl, model: 'm', timeoutMs: 2000, maxRetries: 0, dailyMessages: 60, dailyTokens: 40_000 },
      logger: createLogger('debug', sink),
    });
    fake.script([], { status: 500 });
    const user = await newUser(deps);
    await say(coach, user, 'my secret worry about Dana');
    await say(coach, user, 'I want to kill myself tonight');
    await coach.end(user);
    expect(logged).toContain(user.id);
    expect(logged).toContain('http_500');
    for (const text of ['secret worry', 'Dana', 'kill myself']) expect(logged).not.toContain(text);
  });

  it('answers a request for tips as advice, with a matching catalog mission', async () => {
    fake.script([{ chunks: ['Here are three tips. ', '1. Ask about their work.'] }]);
    const user = await newUser(deps);
    const reply = await say(coachWith(), user, 'any tips for talking to colleagues at a conference?');
    expect(reply.messageType).toBe('advice');
    expect(reply.suggestedMission).toBeDefined();
    expect(system(fake.requests[0]!)).toContain('3 numbered tips');
    expect(system(fake.requests[0]!)).toContain(reply.suggestedMission!.title);
    const [mission] = await sql<{ category: string }>(t.db, 'SELECT category FROM missions WHERE id = $1', [reply.suggestedMission!.id]);
    expect(mission!.category).toBe('networking');
  });

  it("builds the model's context from goals, missions, moods, comfort levels and journal themes, never journal text", async () => {
    const user = await newUser(deps, { displayName: 'Robin Example' });
    await updateProfile(deps, user.id, { socialGoals: ['Make one new friend'], comfortLevels: { events: 2 } });
    await addGoal(deps, user.id, { title: 'Speak up in meetings', target: 5 });
    const [mission] = await sql<{ id: string; title: string }>(t.db, `SELECT id, title FROM missions WHERE category = 'conversation' ORDER BY title LIMIT 1`);
    await startMission(deps, user.id, { mission: mission!.id });
    await logMood(deps, user.id, { mood: 'nervous', intensity: 6 });
    await sql(t.db, `INSERT INTO journal_entries (user_id, content, mood, tags, created_at) VALUES ($1, 'A very private sentence', 'hopeful', ARRAY['work'], $2)`, [
      user.id,
      deps.clock.now(),
    ]);
    await say(coachWith(), user, 'hi');
    const prompt = system(fake.requests[0]!);
    for (const fact of ['First name: Robin', 'Make one new friend', 'Speak up in meetings (0/5)', mission!.title, 'nervous 6/10', 'events 2', 'themes: tags work; moods hopeful']) {
      expect(prompt).toContain(fact);
    }
    expect(prompt).not.toContain('A very private sentence');
  });

  it('keeps the prompt within the token budget by dropping the oldest history first', async () => {
    const coach = coachWith({ contextTokens: 700 });
    const user = await newUser(deps);
    for (let i = 0; i < 8; i++) await say(coach, user, `message ${i} ${'about my week '.repeat(20)}`);
    const last = fake.streamed().at(-1)!;
    const tokens = messagesTokens(last.body.messages as Array<{ role: 'system' | 'user' | 'assistant'; content: string }>);
    expect(tokens).toBeLessThanOrEqual(700);
    expect(lastUser(last)).toMatch(/^message 7 /);
    expect(last.body.messages.some((m) => m.content.startsWith('message 0 '))).toBe(false);
    expect(last.body.messages.some((m) => m.content.startsWith('message 6 '))).toBe(true);
  });

  it('stores feedback on the coach message only for its owner', async () => {
    const coach = coachWith();
    const user = await newUser(deps);
    const other = await newUser(deps);
    const reply = await say(coach, user, 'hello');
    expect(await coach.feedback(other.id, reply.messageId, 'helpful')).toBe(false);
    expect(await coach.feedback(user.id, 'not-a-uuid', 'helpful')).toBe(false);
    expect(await coach.feedback(user.id, reply.messageId, 'helpful')).toBe(true);
    const [row] = await sql<{ metadata: Record<string, unknown> }>(t.db, 'SELECT metadata FROM coach_messages WHERE id = $1', [reply.messageId]);
    expect(row!.metadata).toMatchObject({ source: 'model', feedback: 'helpful', feedback_at: deps.clock.now().toISOString() });
  });

  it('is included in the privacy export and removed by privacy delete', async () => {
    const coach = coachWith();
    const user = await newUser(deps);
    await say(coach, user, 'my private coaching message');
    await coach.end(user);
    const exported = await exportUserData(deps, user.id);
    const conversations = exported.tables.coach_conversations as Array<{ messages: Array<{ content: string }>; session_summary: string }>;
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.messages.map((m) => m.content)).toContain('my private coaching message');
    expect(conversations[0]!.session_summary).toBeTruthy();

    const summary = await deleteUserData(deps, user.id);
    expect(summary.removed.coach_messages).toBe(2);
    expect(await conversationsOf(user.id)).toHaveLength(0);
    expect(await messagesOf(user.id)).toHaveLength(0);
  });
});

describe('coach prompt budget', () => {
  const context: CoachContext = {
    firstName: 'Sam',
    confidenceLevel: 4,
    today: '2026-11-24',
    profileGoals: ['Make friends at work'],
    goals: [],
    comfort: { conversation: 2 },
    activeMissions: [],
    recentCompletions: [],
    completedMissions: 0,
    moods: [{ mood: 'calm', intensity: 5 }],
    journal: { entries: 2, tags: ['work'], moods: ['calm'] },
    streak: { streakDays: 0, longestStreak: 0, freezesHeld: 0, daysAwaitingFreeze: 0, lastJournalDay: null },
    summaries: ['They talked about a team lunch.', 'They practised saying no.'],
  };

  it('drops history, then the oldest summaries, then the least important facts, and keeps the new message', () => {
    const history = Array.from({ length: 6 }, (_, i) => ({ role: (i % 2 ? 'assistant' : 'user') as 'user' | 'assistant', content: `h${i} ${'x'.repeat(400)}` }));
    const roomy = buildPrompt({ context, mode: { kind: 'text' }, history, userText: 'hello', budgetTokens: 10_000 });
    expect(roomy.droppedHistory).toBe(0);
    const tight = buildPrompt({ context, mode: { kind: 'text' }, history, userText: 'hello', budgetTokens: 400 });
    expect(tight.estimatedTokens).toBeLessThanOrEqual(400);
    expect(tight.messages.at(-1)).toEqual({ role: 'user', content: 'hello' });
    expect(tight.droppedHistory).toBeGreaterThan(0);
    expect(tight.messages[0]!.content).toContain('First name: Sam');
  });
});

describe('arrival order before the coach', () => {
  it("admits one person's messages in arrival order even when an earlier one is slower to prepare, and forgets idle keys", async () => {
    const admit = createArrivalOrder();
    const admitted: string[] = [];
    let releaseFirst!: () => void;
    const firstReady = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = admit('ana', async () => {
      await firstReady;
      admitted.push('ana 1');
    });
    const second = admit('ana', async () => {
      admitted.push('ana 2');
    });
    const other = admit('bo', async () => {
      admitted.push('bo 1');
    });
    await other;
    // Another person is not held up; Ana's second waits for her first.
    expect(admitted).toEqual(['bo 1']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(admitted).toEqual(['bo 1', 'ana 1', 'ana 2']);
    // A failed admission does not block the next one.
    await expect(admit('ana', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    await expect(admit('ana', async () => 'ok')).resolves.toBe('ok');
  });
});
