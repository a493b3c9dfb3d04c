/**
 * The words of each scheduled DM. Kind, specific, never shaming: a missed day is
 * never counted against anyone, and every nudge can be turned down from itself.
 */
import { action, field, formatDay, plural, truncate } from '../../commands/format.ts';
import { INSIGHT_TYPES } from '../core/insights.ts';
import { formatInstant } from '../core/time.ts';
import { privateReply, type Reply, type ReplyAction } from '../router/types.ts';
import type { ClaimedDelivery } from './jobs.ts';

/** Buttons every unasked-for nudge carries, so it is easy to turn down (SAFETY.md, Tone). */
function turnDown(): ReplyAction[] {
  return [
    action('reminders', 'pause', 'week', 'Pause for a week', 'reminders pause'),
    action('reminders', 'off', 'now', 'Turn reminders off', 'reminders off'),
  ];
}

function streakReminder(d: ClaimedDelivery): Reply {
  const streak = Number(d.payload.streak ?? 0);
  const write = action('journal', 'prompt', 'reminder', 'Give me a prompt', 'journal prompt');
  if (streak > 0) {
    return privateReply(
      `Hi ${d.firstName}, you've journaled ${plural(streak, 'day')} in a row. A sentence or two about today keeps it going, whenever suits you; and if today isn't the day, that's okay too.`,
      { title: `🔥 ${plural(streak, 'day')} in a row`, actions: [write, ...turnDown()] },
    );
  }
  if (d.payload.returning === true) {
    // A missed day is met with a welcome, never a count of what was lost (SAFETY.md, Tone).
    return privateReply(
      `Hi ${d.firstName}, good to have you here. Whenever you feel like it, one sentence about today is a lovely way back in, and there's nothing to catch up on.`,
      { title: 'A fresh page', actions: [write, ...turnDown()] },
    );
  }
  return privateReply(
    `Hi ${d.firstName}, a quiet moment for yourself? One sentence about today is plenty: what went well, or what felt hard.`,
    { title: 'A moment to journal', actions: [write, ...turnDown()] },
  );
}

function missionNudge(d: ClaimedDelivery): Reply {
  const missionId = String(d.payload.missionId);
  const title = truncate(String(d.payload.title ?? 'your mission'), 150);
  const started = d.payload.status === 'in_progress';
  return privateReply(
    `Hi ${d.firstName}, "${title}" is ${started ? 'still in progress' : 'still on your list'}. No rush: a small try counts, and if it isn't right for you now, setting it aside is fine too.`,
    {
      title: 'Your mission is waiting',
      actions: [
        action('mission', 'complete', missionId, 'I did it', `mission complete ${missionId}`),
        action('mission', 'skip', missionId, 'Set it aside', `mission skip ${missionId}`),
        ...turnDown(),
      ],
    },
  );
}

interface InsightItem {
  readonly type: string;
  readonly title: string;
  readonly description: string;
}

function weeklyInsights(d: ClaimedDelivery, image: Reply['image']): Reply {
  const items = ((d.payload.insights as InsightItem[] | undefined) ?? []).slice();
  const rank = (t: string) => {
    const i = INSIGHT_TYPES.indexOf(t as (typeof INSIGHT_TYPES)[number]);
    return i < 0 ? INSIGHT_TYPES.length : i;
  };
  items.sort((a, b) => rank(a.type) - rank(b.type));
  return privateReply(`Hi ${d.firstName}, here's a look back at your week of ${formatDay(String(d.payload.weekStart))}.`, {
    title: 'Your week in review',
    fields: items.map((i) => field(i.title, i.description)),
    actions: [action('progress', 'show', 'me', 'See my progress', 'progress'), ...turnDown()],
    ...(image ? { image } : {}),
  });
}

function eventReminder(d: ClaimedDelivery): Reply {
  const startsAt = new Date(String(d.payload.startsAt));
  const where = d.payload.location ? ` at ${truncate(String(d.payload.location), 200)}` : '';
  return privateReply(
    `Hi ${d.firstName}, "${truncate(String(d.payload.title), 150)}" is coming up on ${formatInstant(startsAt, d.timezone)}${where}. ` +
      "You're going: go at your own pace, and if plans change, that's okay.",
    { title: 'Coming up soon', actions: turnDown() },
  );
}

function fewerReminders(d: ClaimedDelivery): Reply {
  return privateReply(
    `Hi ${d.firstName}, I've sent you a few reminders lately and I don't want to crowd you. Would fewer suit you better? ` +
      'Whatever you choose is fine, and you can change it any time in settings.',
    {
      title: 'Want fewer reminders?',
      actions: [
        action('reminders', 'fewer', 'please', 'Fewer, please', 'reminders fewer'),
        action('reminders', 'pause', 'week', 'Pause for a week', 'reminders pause'),
        action('reminders', 'off', 'now', 'Turn them off', 'reminders off'),
        action('reminders', 'keep', 'yes', 'Keep them coming', 'reminders keep'),
      ],
    },
  );
}

/** The DM for a claimed delivery; weekly insights take the progress chart when it could be drawn. */
export function composeReply(d: ClaimedDelivery, image?: Reply['image']): Reply {
  switch (d.kind) {
    case 'streak_reminder':
      return streakReminder(d);
    case 'mission_nudge':
      return missionNudge(d);
    case 'weekly_insights':
      return weeklyInsights(d, image);
    case 'event_reminder':
      return eventReminder(d);
    case 'fewer_reminders':
      return fewerReminders(d);
  }
}
