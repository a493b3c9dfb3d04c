/** `progress`: streak (with freezes), totals, this week and recent confidence, with a chart of the last weeks. */
import { renderProgressChart } from '../src/charts/progress-chart.ts';
import { progressSummary, type ProgressSummary } from '../src/core/progress.ts';
import { privateReply } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { field, plural } from './format.ts';

/** The streak as encouragement: a gap is a welcome back, never a loss counter. */
export function streakText(s: ProgressSummary['streak']): string {
  const freezes = s.freezesHeld ? ` 🧊 ${plural(s.freezesHeld, 'streak freeze')} held.` : '';
  if (s.streakDays > 0 && s.daysAwaitingFreeze > 0) {
    return `${plural(s.streakDays, 'day')} in a row. Write today and a freeze covers the ${plural(s.daysAwaitingFreeze, 'day')} you missed.${freezes}`;
  }
  if (s.streakDays > 0) return `🔥 ${plural(s.streakDays, 'day')} in a row (longest ${s.longestStreak}).${freezes}`;
  if (s.lastJournalDay) return `Welcome back whenever you're ready: one entry starts a new run. Your longest so far is ${plural(s.longestStreak, 'day')}.${freezes}`;
  return 'Your first journal entry starts your streak.';
}

export const progress = defineCommand({
  name: 'progress',
  description: 'Your progress: streak, totals, this week',
  leaf: defineLeaf({
    name: 'progress',
    description: 'Your progress: streak, totals, this week',
    options: {},
    example: 'progress',
    async handler(ctx) {
      const p = await progressSummary(ctx.deps, ctx.user.id);
      const confidence = p.recentDays.flatMap((d) => (d.confidenceLevel === null ? [] : [d.confidenceLevel])).slice(-5);
      const fields = [
        field('Streak', streakText(p.streak)),
        field(
          'Totals',
          [
            plural(p.totals.journalEntries, 'journal entry', 'journal entries'),
            plural(p.totals.missionsCompleted, 'mission') + ' completed',
            plural(p.totals.eventsAttended, 'event') + ' attended',
            plural(p.totals.achievementsEarned, 'achievement') + ' earned',
            plural(p.totalPoints, 'point'),
          ].join('\n'),
          true,
        ),
        field(
          'This week',
          [`${plural(p.thisWeek.activeDays, 'active day')}`, plural(p.thisWeek.activities, 'activity', 'activities'), `${plural(p.thisWeek.pointsEarned, 'point')} earned`].join('\n'),
          true,
        ),
        field(
          'Confidence',
          confidence.length > 1 ? `${confidence.join(' → ')} (now ${p.confidenceLevel}/10)` : `${p.confidenceLevel}/10. Check in any time: checkin 7`,
        ),
      ];
      const anything = p.totals.journalEntries + p.totals.missionsCompleted + p.totals.eventsAttended + p.thisWeek.activities > 0;
      const text = anything
        ? `Here's how far you've come, ${ctx.user.firstName}. Every step on this list took effort.`
        : `Everything starts somewhere, ${ctx.user.firstName}. A journal entry, a mood or a small mission will show up here.`;
      // The text is complete on its own: if the chart can't be drawn, the reply goes without it.
      const image = await renderProgressChart(p).then(
        ({ png, alt }) => ({ png, filename: 'progress.png', alt }),
        () => undefined,
      );
      return privateReply(text, { title: 'Your progress', fields, ...(image ? { image } : {}) });
    },
  }),
});
