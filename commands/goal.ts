/** `goal add|update|list|status`: social goals with progress. */
import {
  addGoal,
  cancelGoal,
  completeGoal,
  GOAL_STATUSES,
  goalStatus,
  listGoals,
  MAX_GOAL_TARGET,
  pauseGoal,
  reactivateGoal,
  updateGoalProgress,
  type Goal,
} from '../src/core/goals.ts';
import { UserError } from '../src/core/errors.ts';
import { privateReply, type Reply, type ReplyAction } from '../src/router/types.ts';
import type { EarnedAchievement } from '../src/core/achievements.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { action, celebrating, commandText, field, formatDay, plural, progressBar, withOptionNames } from './format.ts';
import { choice, integer, text } from './options.ts';

/** Service field names → the option names people type. */
const OPTION_NAMES = { targetDate: 'target_date', value: 'progress', increment: 'add' } as const;
const MAX_BUTTONS = 5;

const goalOption = () => text({ description: 'The goal: its name, or pick one from the list', maxLength: 200, autocomplete: 'goal', required: true });

function addOneAction(goal: Pick<Goal, 'id' | 'title'>, label = 'Log +1'): ReplyAction {
  return action('goal', 'update', goal.id, label, commandText('goal', 'update', { goal: goal.title }), 'primary');
}

function dueText(goal: Goal): string {
  if (goal.targetDate === null || goal.daysLeft === null || goal.status === 'completed' || goal.status === 'cancelled') return '';
  if (goal.daysLeft > 1) return `${goal.daysLeft} days to go (${formatDay(goal.targetDate)})`;
  if (goal.daysLeft === 1) return 'due tomorrow';
  if (goal.daysLeft === 0) return 'due today';
  // Past the date: no scolding; progress still counts.
  return `the target date (${formatDay(goal.targetDate)}) has passed, and every step still counts`;
}

function summary(goal: Goal): string {
  return [`${goal.current} of ${goal.target}`, progressBar(goal.progressPercent), goal.status, dueText(goal)].filter(Boolean).join(' · ');
}

function goalReply(title: string, text: string, goal: Goal, celebrate: readonly EarnedAchievement[] = []): Reply {
  return privateReply(text, {
    title,
    fields: [field(goal.title, summary(goal))],
    ...(goal.status === 'active' ? { actions: [addOneAction(goal)] } : {}),
    ...celebrating(celebrate),
  });
}

const add = defineLeaf({
  name: 'add',
  description: 'Set a new social goal',
  options: {
    title: text({ description: 'What you want to do', maxLength: 200, required: true }),
    target: integer({ description: 'How many times (default 1)', min: 1, max: MAX_GOAL_TARGET }),
    target_date: text({ description: 'By when (YYYY-MM-DD)', maxLength: 10 }),
    category: text({ description: 'A category like conversation or networking', maxLength: 100 }),
  },
  textOption: 'title',
  example: 'goal add target:3 target_date:2030-12-31 Say hello to three neighbours',
  async handler(ctx, { title, target, target_date, category }) {
    const goal = await withOptionNames(OPTION_NAMES, () => addGoal(ctx.deps, ctx.user.id, { title, target, targetDate: target_date, category }));
    return goalReply('New goal', `Goal set: “${goal.title}”. Small steps get you there; log each one as it happens.`, goal);
  },
});

const update = defineLeaf({
  name: 'update',
  description: 'Log progress on a goal, or pause, resume, cancel or complete it',
  options: {
    goal: goalOption(),
    progress: integer({ description: 'Set progress to this number', min: 0, max: MAX_GOAL_TARGET * 10 }),
    add: integer({ description: 'Add this much to progress (default 1)', min: -MAX_GOAL_TARGET, max: MAX_GOAL_TARGET }),
    action: choice({ description: 'progress (default), pause, resume, cancel or complete', values: ['progress', 'pause', 'resume', 'cancel', 'complete'] }),
  },
  textOption: 'goal',
  example: 'goal update goal:"Say hello to three neighbours" add:1',
  async handler(ctx, { goal: ref, progress, add: increment, action: what = 'progress' }) {
    const { deps } = ctx;
    const userId = ctx.user.id;
    if (what !== 'progress' && (progress !== undefined || increment !== undefined)) {
      throw new UserError('invalid_input', `progress and add go with action:progress; to ${what} the goal, leave them out.`);
    }
    switch (what) {
      case 'progress': {
        const result = await withOptionNames(OPTION_NAMES, () => updateGoalProgress(deps, userId, { goal: ref, value: progress, increment }));
        const g = result.goal;
        const text = result.justCompleted
          ? `You reached “${g.title}”, ${ctx.user.firstName}! That took steady effort. Well done.`
          : `Progress logged: ${g.current} of ${g.target}.${g.current > 0 ? ' Every step counts.' : ''}`;
        return goalReply(result.justCompleted ? 'Goal reached' : 'Goal updated', text, g, result.newAchievements);
      }
      case 'complete': {
        const result = await completeGoal(deps, userId, { goal: ref });
        return goalReply('Goal reached', `“${result.goal.title}” is done. Well done, ${ctx.user.firstName}!`, result.goal, result.newAchievements);
      }
      case 'pause': {
        const goal = await pauseGoal(deps, userId, { goal: ref });
        return goalReply('Goal paused', `“${goal.title}” is paused. Resting is fine; resume it whenever you're ready.`, goal);
      }
      case 'resume': {
        const goal = await reactivateGoal(deps, userId, { goal: ref });
        return goalReply('Goal resumed', `Welcome back to “${goal.title}”. Pick up right where you left off.`, goal);
      }
      case 'cancel': {
        const goal = await cancelGoal(deps, userId, { goal: ref });
        return goalReply('Goal cancelled', `“${goal.title}” is cancelled. Changing direction is part of it; you can resume it any time.`, goal);
      }
    }
  },
});

const list = defineLeaf({
  name: 'list',
  description: 'Your goals and how far along they are',
  options: { status: choice({ description: 'Only goals with this status', values: GOAL_STATUSES }) },
  example: 'goal list status:active',
  async handler(ctx, { status }) {
    const goals = await listGoals(ctx.deps, ctx.user.id, { status });
    if (goals.length === 0) {
      return privateReply(status ? `No ${status} goals right now.` : 'No goals yet. Set one with: goal add Say hello to a neighbour', { title: 'Your goals' });
    }
    const active = goals.filter((g) => g.status === 'active').slice(0, MAX_BUTTONS);
    const done = goals.filter((g) => g.status === 'completed').length;
    return privateReply(`${plural(goals.length, 'goal')}${done ? `, ${done} reached` : ''}.`, {
      title: 'Your goals',
      fields: goals.slice(0, 25).map((g) => field(g.title, summary(g))),
      ...(active.length ? { actions: active.map((g) => addOneAction(g, `+1 ${g.title}`)) } : {}),
    });
  },
});

const status = defineLeaf({
  name: 'status',
  description: 'One goal in detail',
  options: { goal: goalOption() },
  textOption: 'goal',
  example: 'goal status Say hello to three neighbours',
  async handler(ctx, { goal: ref }) {
    const goal = await goalStatus(ctx.deps, ctx.user.id, { goal: ref });
    const left = goal.target - goal.current;
    const text =
      goal.status === 'completed'
        ? 'Reached. Well done!'
        : goal.status === 'active'
          ? left > 0
            ? `${plural(left, 'step')} to go.`
            : 'Right at the finish line.'
          : goal.status === 'paused'
            ? 'Paused. Resume it whenever you like with action:resume.'
            : 'Cancelled. You can resume it with action:resume.';
    return privateReply(`${text}${goal.description ? `\n${goal.description}` : ''}`, {
      title: goal.title,
      fields: [field('Progress', summary(goal))],
      ...(goal.status === 'active' ? { actions: [addOneAction(goal)] } : {}),
    });
  },
});

export const goal = defineCommand({
  name: 'goal',
  description: 'Social goals: set them, log progress, see how far you are',
  subcommands: [add, update, list, status],
});
