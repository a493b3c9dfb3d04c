/** `mission suggest|list|catalog|start|complete|skip`: small social missions and the person's own list. */
import {
  completeMission,
  listCatalog,
  listMyMissions,
  MISSION_DIFFICULTIES,
  MISSION_STATUSES,
  skipMission,
  SKIP_REST_DAYS,
  startMission,
  suggestMission,
  type MissionStatus,
  type MissionView,
} from '../src/core/missions.ts';
import { privateReply, type ReplyAction } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { action, celebrating, commandText, field, plural } from './format.ts';
import { choice, integer, text } from './options.ts';

const CATALOG_PAGE_SIZE = 10;
const MAX_BUTTONS = 5;

const missionOption = () => text({ description: 'The mission: its name or part of it', maxLength: 200, autocomplete: 'mission', required: true });
const notesOption = () => text({ description: 'A note for yourself about how it went', maxLength: 2000 });

function startAction(m: Pick<MissionView, 'id' | 'title'>, label = 'Start it'): ReplyAction {
  return action('mission', 'start', m.id, label, commandText('mission', 'start', { mission: m.title }), 'primary');
}
function completeAction(m: Pick<MissionView, 'id' | 'title'>, label = 'I did it'): ReplyAction {
  return action('mission', 'complete', m.id, label, commandText('mission', 'complete', { mission: m.title }), 'success');
}
function skipAction(m: Pick<MissionView, 'id' | 'title'>, label = 'Not now'): ReplyAction {
  return action('mission', 'skip', m.id, label, commandText('mission', 'skip', { mission: m.title }), 'secondary');
}
const suggestAction = (label = 'Suggest another'): ReplyAction => action('mission', 'suggest', 'next', label, commandText('mission', 'suggest'));

const STATUS_LABEL: Readonly<Record<MissionStatus, string>> = {
  assigned: 'on your list',
  in_progress: 'in progress',
  completed: 'completed ✓',
  skipped: 'set aside',
};

function details(m: MissionView): string {
  return [m.difficulty, m.category.replace(/_/g, ' '), plural(m.points, 'point'), m.timeEstimate].filter(Boolean).join(' · ');
}

const suggest = defineLeaf({
  name: 'suggest',
  description: 'Suggest a mission that fits where you are now',
  options: {},
  example: 'mission suggest',
  async handler(ctx) {
    const { mission, reason } = await suggestMission(ctx.deps, ctx.user.id);
    if (!mission) return privateReply(reason, { title: 'Missions' });
    const fields = [field('Details', details(mission))];
    if (mission.tips.length) fields.push(field('Tips', mission.tips.map((t) => `• ${t}`).join('\n')));
    return privateReply(`${mission.description}\n\n${reason}`, {
      title: `Your next mission: ${mission.title}`,
      fields,
      actions: [startAction(mission), skipAction(mission)],
    });
  },
});

const list = defineLeaf({
  name: 'list',
  description: 'Your missions: in progress, completed and set aside',
  options: { status: choice({ description: 'Only missions with this status', values: MISSION_STATUSES }) },
  example: 'mission list status:in_progress',
  async handler(ctx, { status }) {
    const missions = await listMyMissions(ctx.deps, ctx.user.id, { status });
    if (missions.length === 0) {
      return privateReply(
        status ? `No missions ${STATUS_LABEL[status]} right now.` : 'Your list is empty so far. Ask for a first step with mission suggest.',
        { title: 'Your missions', actions: [suggestAction('Suggest a mission')] },
      );
    }
    const shown = missions.slice(0, 25);
    const open = shown.filter((m) => m.status === 'in_progress' || m.status === 'assigned').slice(0, MAX_BUTTONS);
    const done = missions.filter((m) => m.status === 'completed').length;
    return privateReply(
      `${plural(missions.length, 'mission')} on your list${done ? `, ${done} completed. Every one of those took courage` : ''}.`,
      {
        title: 'Your missions',
        fields: shown.map((m) => field(m.mission.title, `${STATUS_LABEL[m.status]} · ${details(m.mission)}`)),
        ...(open.length ? { actions: open.map((m) => completeAction(m.mission, `Done: ${m.mission.title}`)) } : {}),
      },
    );
  },
});

const catalog = defineLeaf({
  name: 'catalog',
  description: 'Browse every mission',
  options: {
    difficulty: choice({ description: 'Only this difficulty', values: MISSION_DIFFICULTIES }),
    category: text({ description: 'Only this category, like conversation', maxLength: 100 }),
    page: integer({ description: 'Page number', min: 1, max: 100 }),
  },
  example: 'mission catalog difficulty:beginner',
  async handler(ctx, { difficulty, category, page = 1 }) {
    const result = await listCatalog(ctx.deps, ctx.user.id, {
      difficulty,
      category,
      limit: CATALOG_PAGE_SIZE,
      offset: (page - 1) * CATALOG_PAGE_SIZE,
    });
    const pages = Math.max(1, Math.ceil(result.total / CATALOG_PAGE_SIZE));
    if (result.missions.length === 0) {
      return privateReply(
        result.total === 0 ? 'No missions match that yet. Try without the filters.' : `There are ${pages} pages; try page:${pages} or lower.`,
        { title: 'Mission catalog' },
      );
    }
    const filters: Record<string, string | number> = {};
    if (difficulty) filters.difficulty = difficulty;
    if (category) filters.category = category;
    const next = page < pages ? ` Next: ${commandText('mission', 'catalog', { ...filters, page: page + 1 })}` : '';
    const startable = result.missions.filter((m) => m.status === null).slice(0, MAX_BUTTONS);
    return privateReply(`Page ${page} of ${pages} (${plural(result.total, 'mission')}), gentlest first.${next}`, {
      title: 'Mission catalog',
      fields: result.missions.map((m) => field(m.title, `${details(m)}${m.status ? ` · ${STATUS_LABEL[m.status]}` : ''}\n${m.description}`)),
      ...(startable.length ? { actions: startable.map((m) => startAction(m, `Start: ${m.title}`)) } : {}),
    });
  },
});

const start = defineLeaf({
  name: 'start',
  description: 'Start a mission',
  options: { mission: missionOption() },
  textOption: 'mission',
  example: 'mission start Give a Compliment',
  async handler(ctx, { mission: ref }) {
    const { mission } = await startMission(ctx.deps, ctx.user.id, { mission: ref });
    const tips = mission.tips.length ? [field('Tips', mission.tips.map((t) => `• ${t}`).join('\n'))] : [];
    return privateReply(`${mission.description}\n\nTake it at your own pace. When you've done it, mark it complete; if it's not the right time, that's fine too.`, {
      title: `Started: ${mission.title}`,
      fields: [field('Details', details(mission)), ...tips],
      actions: [completeAction(mission), skipAction(mission)],
    });
  },
});

const complete = defineLeaf({
  name: 'complete',
  description: 'Mark a mission as done',
  options: {
    mission: missionOption(),
    difficulty: integer({ description: 'How hard it felt, 1 (easy) to 5 (very hard)', min: 1, max: 5 }),
    satisfaction: integer({ description: 'How good it felt, 1 to 5', min: 1, max: 5 }),
    notes: notesOption(),
  },
  textOption: 'mission',
  example: 'mission complete mission:"Give a Compliment" difficulty:2 satisfaction:5',
  async handler(ctx, { mission: ref, difficulty, satisfaction, notes }) {
    const result = await completeMission(ctx.deps, ctx.user.id, { mission: ref, difficulty, satisfaction, notes });
    const hard = difficulty !== undefined && difficulty >= 4 ? ' It felt hard, and you did it anyway. That is what courage looks like.' : '';
    return privateReply(
      `You did it, ${ctx.user.firstName}!${hard} +${plural(result.pointsEarned, 'point')}, ${plural(result.totalPoints, 'point')} in total.`,
      { title: `Completed: ${result.mission.title}`, actions: [suggestAction()], ...celebrating(result.newAchievements) },
    );
  },
});

const skip = defineLeaf({
  name: 'skip',
  description: 'Set a mission aside for now',
  options: { mission: missionOption(), notes: notesOption() },
  textOption: 'mission',
  example: 'mission skip mission:"Give a Compliment" notes:"Not this week"',
  async handler(ctx, { mission: ref, notes }) {
    const { mission } = await skipMission(ctx.deps, ctx.user.id, { mission: ref, notes });
    return privateReply(
      `Set aside, no pressure. I won't suggest it again for ${SKIP_REST_DAYS} days, and you can start it any time you like.`,
      { title: `Skipped: ${mission.title}`, actions: [suggestAction()] },
    );
  },
});

export const mission = defineCommand({
  name: 'mission',
  description: 'Small social missions: get one, start it, complete it',
  subcommands: [suggest, list, catalog, start, complete, skip],
});
