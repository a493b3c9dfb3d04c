/**
 * `coach start [scenario]`, `coach scenario <situation>`, `coach end`: the private
 * AI coach from a command. The coach only ever talks in DMs; in a channel the
 * command says so privately and builds no context at all.
 */
import type { CoachReply } from '../src/coach/types.ts';
import { privateReply, type CommandContext, type Reply, type ReplyAction } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { action, commandText } from './format.ts';
import { text } from './options.ts';

const SCENARIO_MAX = 500;

export const DM_ONLY =
  "I keep our coaching conversations private, so the coach only talks in direct messages. Send me a DM (or use coach start there) and we can talk.";

function dmOnly(ctx: CommandContext): Reply | undefined {
  return ctx.invocation.channel.isDM ? undefined : privateReply(DM_ONLY);
}

function turnInput(ctx: CommandContext) {
  return {
    user: ctx.user,
    locale: ctx.invocation.user.locale,
    platform: { name: ctx.invocation.platform, channel: ctx.invocation.channel.id },
  };
}

function missionAction(reply: CoachReply): ReplyAction[] {
  const m = reply.suggestedMission;
  return m ? [action('mission', 'start', m.id, `Start "${m.title}"`, commandText('mission', 'start', { mission: m.title }), 'primary')] : [];
}

function coachReply(reply: CoachReply, title: string): Reply {
  const actions = missionAction(reply);
  return privateReply(reply.text, { title, ...(actions.length ? { actions } : {}), ...(reply.celebrate?.length ? { celebrate: reply.celebrate } : {}) });
}

async function startScene(ctx: CommandContext, scenario: string | undefined): Promise<Reply> {
  const refused = dmOnly(ctx);
  if (refused) return refused;
  // The model may take a few seconds; Discord needs an answer within three.
  await ctx.defer();
  const reply = await ctx.coach.start({ ...turnInput(ctx), scenario });
  const practising = reply.messageType === 'scenario' && reply.source !== 'safety' && reply.source !== 'limit';
  const hint = practising ? '\n\n(Reply to me here to keep the scene going; say "how did I do?" or use coach end for feedback.)' : '';
  return coachReply({ ...reply, text: `${reply.text}${hint}` }, practising ? 'Practice' : 'Coach');
}

const start = defineLeaf({
  name: 'start',
  description: 'Start a fresh conversation with your private coach (DMs only)',
  options: {
    scenario: text({ description: 'A situation to practise, like "saying hi to a new colleague"', maxLength: SCENARIO_MAX }),
  },
  textOption: 'scenario',
  example: 'coach start',
  handler: (ctx, { scenario }) => startScene(ctx, scenario),
});

const scenario = defineLeaf({
  name: 'scenario',
  description: 'Practise a situation: the coach plays the other person (DMs only)',
  options: {
    situation: text({ description: 'The situation, like "asking a coworker to lunch"', maxLength: SCENARIO_MAX, required: true }),
  },
  textOption: 'situation',
  example: 'coach scenario introducing myself at a book club',
  handler: (ctx, { situation }) => startScene(ctx, situation),
});

const end = defineLeaf({
  name: 'end',
  description: 'End the conversation (with feedback if you were practising)',
  options: {},
  example: 'coach end',
  async handler(ctx) {
    const refused = dmOnly(ctx);
    if (refused) return refused;
    await ctx.defer();
    const result = await ctx.coach.end(ctx.user);
    if (!result.ended) {
      return privateReply("There's no conversation open right now. Whenever you like, just write to me here or use coach start.", { title: 'Coach' });
    }
    if (result.feedback) {
      return coachReply(
        { ...result.feedback, text: `${result.feedback.text}\n\nThat's the end of this practice. Thank you for showing up for it.` },
        'Practice feedback',
      );
    }
    return privateReply("Thanks for talking with me. I'll remember the gist for next time. Write to me whenever you like.", { title: 'Coach' });
  },
});

export const coach = defineCommand({
  name: 'coach',
  description: 'Your private AI coach: talk, practise a situation, get tips (in DMs)',
  subcommands: [start, scenario, end],
});
