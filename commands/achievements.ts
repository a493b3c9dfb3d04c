/** `achievements`: the ones earned, then the few that are closest. */
import { listAchievements } from '../src/core/achievements.ts';
import { privateReply, type ReplyField } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { field, plural, progressBar } from './format.ts';

const CLOSEST = 5;

export const achievements = defineCommand({
  name: 'achievements',
  description: "Achievements you've earned and the ones within reach",
  leaf: defineLeaf({
    name: 'achievements',
    description: "Achievements you've earned and the ones within reach",
    options: {},
    example: 'achievements',
    async handler(ctx) {
      const all = await listAchievements(ctx.deps, ctx.user.id);
      const earned = all.filter((a) => a.earnedAt !== null);
      const ratio = (a: (typeof all)[number]) => (a.maxProgress > 0 ? a.progress / a.maxProgress : 0);
      const closest = all
        .filter((a) => a.earnedAt === null && a.maxProgress > 0)
        // Fewest steps left first: one entry away feels closer than 7% of fourteen.
        .sort((x, y) => x.maxProgress - x.progress - (y.maxProgress - y.progress) || ratio(y) - ratio(x))
        .slice(0, CLOSEST);
      const fields: ReplyField[] = [];
      if (earned.length) fields.push(field('Earned', earned.map((a) => `${a.icon} ${a.title}: ${a.description}`).join('\n')));
      if (closest.length) {
        fields.push(
          field(
            'Within reach',
            closest.map((a) => `${a.icon} ${a.title}: ${a.progress}/${a.maxProgress} ${progressBar(Math.floor(ratio(a) * 100), 5)}\n   ${a.description}`).join('\n'),
          ),
        );
      }
      const text = earned.length
        ? `You've earned ${plural(earned.length, 'achievement')} of ${all.length}. Each one marks something you actually did.`
        : `None yet, and that's fine: the first ones are close. A journal entry or a mood log is enough to start.`;
      return privateReply(text, { title: 'Achievements', fields });
    },
  }),
});
