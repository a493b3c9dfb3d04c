/**
 * The coach on Slack: the AI Apps side panel (Bolt's Assistant: thread started,
 * status, native streaming, feedback buttons), the plain-DM path, what is
 * ignored, Slack's time zone on first contact, and the chart upload. Real Bolt
 * over HTTP against the fake Web API, a stub CoachService, a real database.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../commands/index.ts';
import { createLogger } from '../src/logger.ts';
import { DM_PLACEHOLDER, FEEDBACK_THANKS, NOT_COACH_ACTION, SUGGESTED_PROMPTS, THINKING_STATUS } from '../src/platforms/slack/coach-assistant.ts';
import type { SlackAdapter } from '../src/platforms/slack/slack-adapter.ts';
import { CHART_IN_DM } from '../src/platforms/slack/upload.ts';
import { coreDeps } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import { signSlack, SLACK_TEAM, slackSlashBody, startFakeSlack, startSlackOverHttp, waitFor, type FakeSlack, type SlackApiCall } from './helpers/platform-fakes.ts';
import { stubCoach, type StubCoach } from './helpers/stub-coach.ts';

const TEAM = SLACK_TEAM;
const LONG = Array.from({ length: 14 }, (_, i) => `Sentence ${i + 1} of a calm, steady answer. `);

describe.each(DB_KINDS)('the coach on Slack (%s)', (kind) => {
  let t: TestDatabase;
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let coach: StubCoach;
  let base: string;
  let seq = 0;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    fake = await startFakeSlack();
    coach = stubCoach();
    ({ adapter, base } = await startSlackOverHttp({ core: coreDeps(t.db), registry, logger: createLogger('silent'), coach }, fake));
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await t?.dispose();
  });
  beforeEach(() => {
    coach.script = { chunks: ['Hello! ', 'How are you feeling today?'], delayMs: 5 };
  });

  async function post(rawBody: string, contentType: string, extra: Record<string, string> = {}) {
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signSlack(rawBody), ...extra }, body: rawBody });
    expect(res.status).toBe(200);
    await res.text();
  }

  /** Posts an Events API callback; returns its event_id. */
  async function event(e: Record<string, unknown>, { eventId, retry }: { eventId?: string; retry?: number } = {}) {
    seq += 1;
    const id = eventId ?? `Ev${process.pid}x${seq}`;
    const body = JSON.stringify({ token: 'legacy', team_id: TEAM, api_app_id: 'A1', type: 'event_callback', event_id: id, event_time: 1700000000, event: e });
    await post(body, 'application/json', retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {});
    return id;
  }

  const threadMessage = (user: string, channel: string, threadTs: string, text: string) => ({
    type: 'message',
    channel_type: 'im',
    channel,
    user,
    text,
    ts: `1700000500.${String(++seq).padStart(6, '0')}`,
    thread_ts: threadTs,
    event_ts: '1700000500.000001',
  });
  const dm = (user: string, channel: string, text: string, extra: Record<string, unknown> = {}) => ({
    type: 'message',
    channel_type: 'im',
    channel,
    user,
    text,
    ts: `1700000600.${String(++seq).padStart(6, '0')}`,
    event_ts: '1700000600.000001',
    ...extra,
  });

  const callsIn = (channel: string) => fake.calls.filter((c) => c.body.channel === channel || c.body.channel_id === channel);
  const markdownOf = (calls: SlackApiCall[]) => calls.map((c) => c.body.markdown_text ?? '').join('');
  const turnsBy = (user: string) => coach.turns.filter((turn) => turn.platform?.channel === `D${user}`);

  it('greets a new assistant thread and offers the three suggested prompts', async () => {
    await event({
      type: 'assistant_thread_started',
      assistant_thread: { user_id: 'U1ANA', context: {}, channel_id: 'DU1ANA', thread_ts: '1700000001.000001' },
      event_ts: '1700000001.000002',
    });
    const prompts = await waitFor(() => fake.calls.find((c) => c.method === 'assistant.threads.setSuggestedPrompts' && c.body.channel_id === 'DU1ANA'), 'suggested prompts');
    expect(prompts.body.thread_ts).toBe('1700000001.000001');
    const listed = JSON.parse(prompts.body.prompts!) as Array<{ title: string; message: string }>;
    expect(listed.map((p) => p.title)).toEqual(SUGGESTED_PROMPTS.map((p) => p.title));
    expect(listed.map((p) => p.title)).toEqual(['Practise a conversation', "Plan this week's mission", 'Reflect on today']);
    const greeting = fake.calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'DU1ANA');
    expect(greeting?.body.thread_ts).toBe('1700000001.000001');
    expect(greeting?.body.text).toMatch(/^Hi .+! I'm your Extrovertly coach/);
    // Opening the panel is not a message to the coach.
    expect(turnsBy('U1ANA')).toHaveLength(0);
  });

  it('answers an assistant thread message: status, then a native stream in order, then feedback buttons', async () => {
    fake.slackUsers.set('U2BEA', { name: 'bea', tz: 'Europe/Berlin', locale: 'de-DE' });
    coach.script = { chunks: LONG, delayMs: 90 };
    const before = fake.calls.length;
    await event(threadMessage('U2BEA', 'DU2BEA', '1700000002.000001', 'I have a party on Friday and I am nervous'));
    const stop = await waitFor(() => fake.calls.find((c) => c.method === 'chat.stopStream' && c.body.channel === 'DU2BEA'), 'chat.stopStream', 15_000);

    const calls = fake.calls.slice(before).filter((c) => c.body.channel === 'DU2BEA' || c.body.channel_id === 'DU2BEA' || c.method === 'users.info');
    const methods = calls.map((c) => c.method);
    expect(methods[0]).toBe('users.info');
    expect(methods[1]).toBe('assistant.threads.setStatus');
    expect(methods[2]).toBe('chat.startStream');
    expect(methods.at(-1)).toBe('chat.stopStream');
    const middle = methods.slice(3, -1);
    expect(middle.length).toBeGreaterThan(0);
    expect(middle.every((m) => m === 'chat.appendStream')).toBe(true);
    // The stream is paced: far fewer appends than chunks.
    expect(middle.length).toBeLessThan(LONG.length - 2);

    expect(calls[1]!.body.status).toBe(THINKING_STATUS);
    const start = calls[2]!;
    expect(start.body.thread_ts).toBe('1700000002.000001');
    expect(start.body.recipient_user_id).toBe('U2BEA');
    expect(start.body.recipient_team_id).toBe(TEAM);
    const streamed = calls.filter((c) => c.method.startsWith('chat.') && c.method.endsWith('Stream'));
    expect(streamed.slice(1).every((c) => c.body.ts === stop.body.ts)).toBe(true);
    expect(markdownOf(streamed)).toBe(LONG.join(''));

    const reply = coach.replies.at(-1)!;
    expect(reply.text).toBe(LONG.join(''));
    const blocks = JSON.parse(stop.body.blocks!) as Array<{ type: string; elements: Array<Record<string, any>> }>;
    const feedback = blocks.find((b) => b.type === 'context_actions')!.elements[0]!;
    expect(feedback.type).toBe('feedback_buttons');
    expect(feedback.positive_button.value).toBe(`helpful:${reply.messageId}`);
    expect(feedback.negative_button.value).toBe(`not_helpful:${reply.messageId}`);
    expect(JSON.parse(stop.body.metadata!)).toMatchObject({ event_payload: { message_id: reply.messageId, conversation_id: reply.conversationId } });

    // The turn: the text, the Slack locale, the thread; the person created with Slack's time zone.
    const turn = turnsBy('U2BEA').at(-1)!;
    expect(turn.text).toBe('I have a party on Friday and I am nervous');
    expect(turn.locale).toBe('de-DE');
    expect(turn.platform).toEqual({ name: 'slack', channel: 'DU2BEA', thread: '1700000002.000001' });
    expect(turn.user.settings.timezone).toBe('Europe/Berlin');
    const stored = await sql<{ tz: string }>(
      t.db,
      `SELECT u.preferences->>'timezone' AS tz FROM users u JOIN companion_platform_identities p ON p.user_id = u.id
        WHERE p.platform = 'slack' AND p.external_id = $1`,
      [`${TEAM}:U2BEA`],
    );
    expect(stored).toEqual([{ tz: 'Europe/Berlin' }]);

    // users.info is asked once per person, not on every message.
    coach.script = { chunks: ['Short answer.'] };
    await event(threadMessage('U2BEA', 'DU2BEA', '1700000002.000001', 'thanks'));
    await waitFor(() => (fake.calls.filter((c) => c.method === 'chat.stopStream' && c.body.channel === 'DU2BEA').length === 2 ? true : undefined), 'the second reply');
    expect(fake.calls.filter((c) => c.method === 'users.info' && c.body.user === 'U2BEA')).toHaveLength(1);
  });

  it('stores a feedback answer through the coach and thanks the person privately', async () => {
    await event(threadMessage('U3CAL', 'DU3CAL', '1700000003.000001', 'How do I start a conversation?'));
    await waitFor(() => fake.calls.find((c) => c.method === 'chat.stopStream' && c.body.channel === 'DU3CAL'), 'the reply');
    const reply = coach.replies.at(-1)!;
    const userId = turnsBy('U3CAL')[0]!.user.id;
    const posted = fake.calls.length;

    const payload = {
      type: 'block_actions',
      team: { id: TEAM, domain: 'extro' },
      user: { id: 'U3CAL', username: 'cal', name: 'cal', team_id: TEAM },
      api_app_id: 'A1',
      token: 'legacy',
      container: { type: 'message', message_ts: '1700000100.000001', channel_id: 'DU3CAL', is_ephemeral: false, thread_ts: '1700000003.000001' },
      trigger_id: `trigger-feedback-${Date.now()}`,
      channel: { id: 'DU3CAL', name: 'directmessage' },
      message: { type: 'message', ts: '1700000100.000001', thread_ts: '1700000003.000001', text: reply.text },
      actions: [{ type: 'feedback_buttons', action_id: 'coach_feedback', block_id: 'fb', value: `helpful:${reply.messageId}`, action_ts: '1700000101.000001' }],
    };
    await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
    const thanks = await waitFor(() => fake.calls.slice(posted).find((c) => c.method === 'chat.postEphemeral'), 'the thanks');
    expect(coach.feedbacks).toContainEqual({ userId, messageId: reply.messageId, value: 'helpful' });
    expect(thanks.body).toMatchObject({ channel: 'DU3CAL', user: 'U3CAL', thread_ts: '1700000003.000001', text: FEEDBACK_THANKS.helpful });
    // The catch-all button listener leaves coach feedback alone (no "that button is no longer available")...
    expect(NOT_COACH_ACTION.test(payload.actions[0]!.action_id)).toBe(false);
    expect(NOT_COACH_ACTION.test('mission:start:m1')).toBe(true);
    // ...and nothing else answered the press once its work has settled.
    await adapter.idle();
    expect(fake.calls.slice(posted).filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral')).toHaveLength(1);
  });

  it('works in a plain DM without AI Apps: a placeholder, updates as the text grows, then buttons', async () => {
    coach.script = { chunks: LONG, delayMs: 120, suggestedMission: { id: '00000000-0000-4000-8000-000000000001', title: 'Say hello' } };
    await event(dm('U4DEV', 'DU4DEV', 'I want to feel less awkward at work'));
    const final = await waitFor(
      () => callsIn('DU4DEV').find((c) => c.method === 'chat.update' && (c.body.blocks ?? '').includes('coach_feedback_helpful')),
      'the final update',
      15_000,
    );
    const calls = callsIn('DU4DEV');
    expect(calls[0]).toMatchObject({ method: 'chat.postMessage', body: { text: DM_PLACEHOLDER } });
    expect(calls[0]!.body.thread_ts).toBeUndefined();
    const updates = calls.filter((c) => c.method === 'chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    // Paced: fewer updates than chunks, each showing a longer prefix of the reply.
    expect(updates.length).toBeLessThan(LONG.length);
    const shown = updates.map((u) => (JSON.parse(u.body.blocks!) as Array<{ type: string; text?: string }>)[0]!.text!);
    for (const text of shown) expect(LONG.join('').startsWith(text)).toBe(true);
    expect(shown.at(-1)).toBe(LONG.join(''));
    expect(calls.some((c) => c.method.endsWith('Stream'))).toBe(false);

    const reply = coach.replies.at(-1)!;
    const blocks = JSON.parse(final.body.blocks!) as Array<{ type: string; elements?: Array<Record<string, any>> }>;
    const buttons = blocks.find((b) => b.type === 'actions')!.elements!;
    expect(buttons.map((b) => b.action_id)).toEqual(['coach_feedback_helpful', 'coach_feedback_not_helpful', 'mission:start:00000000-0000-4000-8000-000000000001']);
    expect(buttons[0]!.value).toBe(`helpful:${reply.messageId}`);
    expect(JSON.parse(final.body.metadata!)).toMatchObject({ event_type: 'extrovertly_coach_reply', event_payload: { message_id: reply.messageId } });
    expect(turnsBy('U4DEV').at(-1)!.platform).toEqual({ name: 'slack', channel: 'DU4DEV', thread: undefined });
  });

  it('shows a crisis reply like any other reply, without feedback buttons', async () => {
    coach.script = { chunks: ['You matter. Please reach out to someone you trust, or a helpline near you.'], source: 'safety', thinking: false };
    await event(threadMessage('U5EVE', 'DU5EVE', '1700000005.000001', 'something heavy'));
    const stop = await waitFor(() => fake.calls.find((c) => c.method === 'chat.stopStream' && c.body.channel === 'DU5EVE'), 'the reply');
    expect(markdownOf(callsIn('DU5EVE').filter((c) => c.method.endsWith('Stream')))).toBe(coach.script.chunks.join(''));
    expect(stop.body.blocks).toBeUndefined();
  });

  it('answers kindly when the coach fails, in the same thread', async () => {
    coach.script = { chunks: [], fail: true };
    await event(threadMessage('U6FAY', 'DU6FAY', '1700000006.000001', 'hello?'));
    const posted = await waitFor(() => callsIn('DU6FAY').find((c) => c.method === 'chat.postMessage'), 'the failure reply');
    expect(posted.body.thread_ts).toBe('1700000006.000001');
    expect(posted.body.text).toContain('something went wrong on my side');
  });

  it("hands one person's messages to the coach in arrival order across the assistant thread and the plain DM", async () => {
    // First contact: the first message waits for users.info and creates the person; the others must not overtake it.
    const texts = ['first, in the thread', 'second, in the DM', 'third, in the thread'];
    await event(threadMessage('U10JO', 'DU10JO', '1700000010.000001', texts[0]!));
    await event(dm('U10JO', 'DU10JO', texts[1]!));
    await event(threadMessage('U10JO', 'DU10JO', '1700000010.000001', texts[2]!));
    await waitFor(() => (turnsBy('U10JO').length === 3 ? true : undefined), 'three turns');
    expect(turnsBy('U10JO').map((turn) => turn.text)).toEqual(texts);
    expect(new Set(turnsBy('U10JO').map((turn) => turn.user.id)).size).toBe(1);
  });

  it('ignores bot messages, edits, channel messages and redeliveries', async () => {
    const before = coach.turns.length;
    await event(dm('U7GUS', 'DU7GUS', 'from a bot', { bot_id: 'B0OTHER' }));
    await event(dm('U7GUS', 'DU7GUS', 'edited', { subtype: 'message_changed' }));
    await event(dm('U7GUS', 'DU7GUS', 'joined', { subtype: 'channel_join' }));
    await event({ type: 'message', channel_type: 'channel', channel: 'C1GENERAL', user: 'U7GUS', text: 'hello everyone', ts: '1700000700.000001' });
    await event({ ...threadMessage('U7GUS', 'C1GENERAL', '1700000700.000001', 'in a channel thread'), channel_type: 'channel' });
    const id = await event(dm('U7GUS', 'DU7GUS', 'just once please'));
    await waitFor(() => callsIn('DU7GUS').find((c) => c.method === 'chat.update'), 'the one reply');
    await event(dm('U7GUS', 'DU7GUS', 'just once please'), { eventId: id, retry: 1 });
    await event(dm('U7GUS', 'DU7GUS', 'just once please'), { eventId: id, retry: 2 });
    // A new message after them: the person's messages reach the coach in arrival order, so once it has, so would any redelivery.
    await event(dm('U7GUS', 'DU7GUS', 'and a new one'));
    await waitFor(() => coach.turns.slice(before).find((turn) => turn.text === 'and a new one'), 'the new message');
    expect(coach.turns.slice(before).map((turn) => turn.text)).toEqual(['just once please', 'and a new one']);
    expect(fake.calls.some((c) => c.body.channel === 'C1GENERAL' && c.method !== 'chat.postEphemeral')).toBe(false);
  });

  it("passes Slack's time zone on first contact through a slash command too", async () => {
    fake.slackUsers.set('U8HAL', { name: 'hal', tz: 'Asia/Tokyo', locale: 'ja-JP' });
    const { body, responseId } = slackSlashBody(fake.url, 'help', { user_id: 'U8HAL', user_name: 'hal' });
    await post(body, 'application/x-www-form-urlencoded');
    await waitFor(() => fake.responses.find((r) => r.id === responseId), 'the help reply');
    const stored = await sql<{ tz: string }>(
      t.db,
      `SELECT u.preferences->>'timezone' AS tz FROM users u JOIN companion_platform_identities p ON p.user_id = u.id
        WHERE p.platform = 'slack' AND p.external_id = $1`,
      [`${TEAM}:U8HAL`],
    );
    expect(stored).toEqual([{ tz: 'Asia/Tokyo' }]);
  });

  it('uploads the progress chart to the DM with files.uploadV2 and says so in the reply', async () => {
    const { body, responseId } = slackSlashBody(fake.url, 'progress', { user_id: 'U9IDA', user_name: 'ida' });
    await post(body, 'application/x-www-form-urlencoded');
    const reply = await waitFor(() => fake.responses.find((r) => r.id === responseId)?.body, 'the progress reply', 20_000);
    expect(String(reply.text)).toContain(CHART_IN_DM);
    expect(reply.response_type).toBe('ephemeral');

    const open = fake.calls.find((c) => c.method === 'conversations.open' && c.body.users === 'U9IDA');
    expect(open).toBeDefined();
    const url = fake.calls.find((c) => c.method === 'files.getUploadURLExternal');
    expect(url?.body.filename).toMatch(/\.png$/);
    const complete = fake.calls.find((c) => c.method === 'files.completeUploadExternal');
    expect(complete?.body.channel_id).toBe('DU9IDA');
    const fileId = (JSON.parse(complete!.body.files!) as Array<{ id: string }>)[0]!.id;
    const upload = fake.uploads.find((u) => u.fileId === fileId)!;
    // The whole PNG arrives (in a multipart body): its signature, then `length` bytes later the IEND chunk.
    const length = Number(url!.body.length);
    const start = upload.bytes.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(upload.bytes.subarray(start + length - 8, start + length - 4).toString('latin1')).toBe('IEND');
  });
});
