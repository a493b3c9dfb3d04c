/** `checkin`: a quick confidence check-in, 1 to 10. */
import { checkIn } from '../src/core/progress.ts';
import { privateReply } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { action, celebrating, commandText } from './format.ts';
import { decimal } from './options.ts';

export const checkin = defineCommand({
  name: 'checkin',
  description: 'Check in with your confidence, 1 to 10',
  leaf: defineLeaf({
    name: 'checkin',
    description: 'Check in with your confidence, 1 to 10',
    options: { confidence: decimal({ description: 'How confident you feel, 1 (not at all) to 10 (very)', min: 1, max: 10, required: true }) },
    textOption: 'confidence',
    example: 'checkin 7',
    async handler(ctx, { confidence }) {
      const result = await checkIn(ctx.deps, ctx.user.id, { confidence });
      const now = result.confidenceLevel;
      const change =
        now > result.previous
          ? `Up from ${result.previous}. That growth is yours; you built it.`
          : now < result.previous
            ? `A little lower than last time (${result.previous}). Thanks for being honest; harder days are part of it, and checking in still counts.`
            : 'Steady. Consistency is its own kind of progress.';
      return privateReply(`Confidence ${now}/10 noted. ${change}`, {
        title: 'Check-in saved',
        actions: [action('progress', 'show', 'me', 'See my progress', commandText('progress', undefined))],
        ...celebrating(result.newAchievements),
      });
    },
  }),
});
