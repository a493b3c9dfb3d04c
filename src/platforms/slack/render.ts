/**
 * A platform-neutral Reply as a Slack message: Block Kit blocks plus the plain
 * `text` fallback Slack shows in notifications and to screen readers.
 */
import type { Reply, ReplyAction } from '../../router/types.ts';

export type SlackText = { type: 'plain_text'; text: string; emoji?: boolean } | { type: 'mrkdwn'; text: string };

export type SlackButton = {
  type: 'button';
  action_id: string;
  text: { type: 'plain_text'; text: string; emoji: boolean };
  style?: 'primary' | 'danger';
};

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'actions'; elements: SlackButton[] };

export interface SlackMessage {
  readonly response_type: 'ephemeral' | 'in_channel';
  readonly text: string;
  readonly blocks: SlackBlock[];
}

// Block Kit limits (api.slack.com/reference/block-kit): going over any of them makes Slack reject the whole message.
const HEADER_MAX = 150;
const SECTION_TEXT_MAX = 3000;
const FIELD_MAX = 2000;
const MAX_FIELDS = 10;
/** Keeps a message well under Slack's 50 blocks. */
const MAX_FIELD_SECTIONS = 4;
const BUTTON_LABEL_MAX = 75;
const ACTION_ID_MAX = 255;
const MAX_BUTTONS = 25;
const FALLBACK_MAX = 3000;

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Slack's mrkdwn treats &, < and > as control characters; escape them so user text shows as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack buttons have only primary and danger; everything else is the default style. */
function buttonStyle(style: ReplyAction['style']): 'primary' | 'danger' | undefined {
  return style === 'primary' || style === 'danger' ? style : undefined;
}

function celebrationLine(a: NonNullable<Reply['celebrate']>[number]): string {
  return `🎉 New achievement: ${a.icon} ${a.title} (${a.description})${a.pointsReward ? `, +${a.pointsReward} points` : ''}`;
}

/**
 * Renders a Reply for Slack. Private replies are ephemeral; the image is not
 * rendered yet (Slack needs a file upload for it).
 */
export function renderBlocks(reply: Reply): SlackMessage {
  const blocks: SlackBlock[] = [];
  if (reply.title) blocks.push({ type: 'header', text: { type: 'plain_text', text: clip(reply.title, HEADER_MAX), emoji: true } });
  if (reply.text) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(reply.text), SECTION_TEXT_MAX) } });

  // A section holds at most 10 fields; longer lists (help) continue in the next section.
  const fields = (reply.fields ?? []).slice(0, MAX_FIELDS * MAX_FIELD_SECTIONS);
  for (let i = 0; i < fields.length; i += MAX_FIELDS) {
    blocks.push({
      type: 'section',
      fields: fields
        .slice(i, i + MAX_FIELDS)
        .map((f) => ({ type: 'mrkdwn' as const, text: clip(`*${escapeMrkdwn(f.name)}*\n${escapeMrkdwn(f.value)}`, FIELD_MAX) })),
    });
  }

  const celebrate = reply.celebrate ?? [];
  if (celebrate.length > 0) {
    blocks.push({ type: 'context', elements: celebrate.map((a) => ({ type: 'mrkdwn' as const, text: escapeMrkdwn(celebrationLine(a)) })) });
  }

  // Slack refuses two buttons with one action_id in a block, so a repeated id keeps its first button.
  const seen = new Set<string>();
  const buttons: SlackButton[] = [];
  for (const action of reply.actions ?? []) {
    if (seen.has(action.id) || action.id.length > ACTION_ID_MAX || buttons.length >= MAX_BUTTONS) continue;
    seen.add(action.id);
    const style = buttonStyle(action.style);
    buttons.push({
      type: 'button',
      action_id: action.id,
      text: { type: 'plain_text', text: clip(action.label, BUTTON_LABEL_MAX), emoji: true },
      ...(style ? { style } : {}),
    });
  }
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });

  return {
    response_type: reply.visibility === 'private' ? 'ephemeral' : 'in_channel',
    text: clip(fallbackText(reply), FALLBACK_MAX),
    blocks,
  };
}

/** The plain-text version of a reply: title, text, fields and celebrations. */
export function fallbackText(reply: Reply): string {
  const lines: string[] = [];
  if (reply.title) lines.push(reply.title);
  if (reply.text) lines.push(reply.text);
  for (const f of reply.fields ?? []) lines.push(`${f.name}: ${f.value}`);
  for (const a of reply.celebrate ?? []) lines.push(celebrationLine(a));
  return escapeMrkdwn(lines.join('\n')) || ' ';
}
