/** `reminders`: the answers to a nudge's buttons: fewer, pause for a week, off, or keep them coming. */
import { addDays, localDate } from '../src/core/time.ts';
import { updateSettings } from '../src/core/users.ts';
import { privateReply } from '../src/router/types.ts';
import { FEWER_GAP_DAYS, setNudgeGap } from '../src/scheduler/nudge-preferences.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { formatDay } from './format.ts';

const PAUSE_DAYS = 7;

const fewer = defineLeaf({
  name: 'fewer',
  description: `At most one reminder every ${FEWER_GAP_DAYS} days`,
  options: {},
  example: 'reminders fewer',
  async handler(ctx) {
    await setNudgeGap(ctx.deps, ctx.user.id, FEWER_GAP_DAYS);
    return privateReply(
      `Done: from now on I'll remind you at most once every ${FEWER_GAP_DAYS} days. You can go back to daily with reminders keep, or turn them off with reminders off.`,
      { title: 'Fewer reminders' },
    );
  },
});

const pause = defineLeaf({
  name: 'pause',
  description: `Pause reminders for ${PAUSE_DAYS} days`,
  options: {},
  example: 'reminders pause',
  async handler(ctx) {
    const today = localDate(ctx.now(), ctx.user.settings.timezone);
    const through = addDays(today, PAUSE_DAYS - 1);
    await updateSettings(ctx.deps, ctx.user.id, { snoozeUntil: through });
    return privateReply(
      `Reminders rest through ${formatDay(through)} and come back on ${formatDay(addDays(through, 1))}. Take the time you need; I'm here whenever you write.`,
      { title: 'Reminders paused' },
    );
  },
});

const off = defineLeaf({
  name: 'off',
  description: 'Turn reminders and nudges off',
  options: {},
  example: 'reminders off',
  async handler(ctx) {
    await updateSettings(ctx.deps, ctx.user.id, { nudges: false });
    return privateReply("Reminders are off; I'll only answer when you write to me. Turn them back on any time with settings nudges:on.", {
      title: 'Reminders off',
    });
  },
});

const keep = defineLeaf({
  name: 'keep',
  description: 'Keep daily reminders coming',
  options: {},
  example: 'reminders keep',
  async handler(ctx) {
    await setNudgeGap(ctx.deps, ctx.user.id, 1);
    if (!ctx.user.settings.nudges) await updateSettings(ctx.deps, ctx.user.id, { nudges: true });
    return privateReply(`Glad they help. I'll keep reminding you at ${ctx.user.settings.reminderTime}; change the time with settings reminder_time:20:00.`, {
      title: 'Reminders on',
    });
  },
});

export const reminders = defineCommand({
  name: 'reminders',
  description: 'Fewer, paused, off, or daily reminders',
  subcommands: [fewer, pause, off, keep],
});
