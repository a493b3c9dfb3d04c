/**
 * The App Home tab: the person's progress (the `progress` command's reply) as
 * Block Kit, with buttons for the common next steps.
 */
import type { Reply, ReplyAction } from '../../router/types.ts';
import { JOURNAL_MODAL_ACTION } from './modal.ts';
import { renderBlocks, type SlackBlock } from './render.ts';

/** The home tab's buttons; their ids are ordinary ReplyAction ids (see actionInvocation). */
export const HOME_ACTIONS: readonly ReplyAction[] = [
  { id: JOURNAL_MODAL_ACTION, label: '✍️ Write in your journal', style: 'primary' },
  { id: 'journal:prompt:home', label: '💭 Reflection prompt', commandText: 'journal prompt' },
  { id: 'mission:suggest:next', label: '🎯 Suggest a mission', commandText: 'mission suggest' },
  { id: 'progress:show:home', label: '🔄 Refresh', commandText: 'progress' },
];

/** Slack allows 100 blocks in a home view. */
const MAX_BLOCKS = 100;

export interface SlackHomeView {
  readonly type: 'home';
  readonly blocks: SlackBlock[];
}

export function renderHome(reply: Reply): SlackHomeView {
  const actions = [...HOME_ACTIONS, ...(reply.actions ?? [])];
  const blocks = renderBlocks({ ...reply, actions }).blocks;
  return { type: 'home', blocks: blocks.slice(0, MAX_BLOCKS) };
}
