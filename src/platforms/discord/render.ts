/** A platform-neutral Reply as a discord.js message payload: an embed, buttons, an attachment. */
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  MessageFlags,
} from 'discord.js';
import type { Reply, ReplyAction } from '../../router/types.ts';

// Discord's limits.
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 4096;
const FIELDS_MAX = 25;
const FIELD_NAME_MAX = 256;
const FIELD_VALUE_MAX = 1024;
const BUTTONS_PER_ROW = 5;
const ROWS_MAX = 5;
const LABEL_MAX = 80;
const CUSTOM_ID_MAX = 100;

/** The brand colour of embeds. */
export const EMBED_COLOR = 0x5865f2;
const CELEBRATE_COLOR = 0xfee75c;

const STYLES: Record<NonNullable<ReplyAction['style']>, ButtonStyle> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

export interface DiscordMessagePayload {
  content?: string;
  embeds: EmbedBuilder[];
  components: ActionRowBuilder<ButtonBuilder>[];
  files?: AttachmentBuilder[];
  flags?: MessageFlags.Ephemeral;
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** True when a private reply must be ephemeral: private, and not in a DM (where it is already private). */
export function isEphemeral(reply: Pick<Reply, 'visibility'>, isDM: boolean): boolean {
  return reply.visibility === 'private' && !isDM;
}

export function renderButtons(actions: readonly ReplyAction[] = []): ActionRowBuilder<ButtonBuilder>[] {
  const seen = new Set<string>();
  const buttons = actions
    .filter((a) => a.id.length <= CUSTOM_ID_MAX && !seen.has(a.id) && seen.add(a.id))
    .slice(0, BUTTONS_PER_ROW * ROWS_MAX)
    .map((a) =>
      new ButtonBuilder()
        .setCustomId(a.id)
        .setLabel(cut(a.label || a.id, LABEL_MAX))
        .setStyle(STYLES[a.style ?? 'secondary']),
    );
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) {
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + BUTTONS_PER_ROW)));
  }
  return rows;
}

export function renderReply(reply: Reply, { isDM }: { isDM: boolean }): DiscordMessagePayload {
  const embed = new EmbedBuilder().setColor(EMBED_COLOR);
  if (reply.title) embed.setTitle(cut(reply.title, TITLE_MAX));
  if (reply.text) embed.setDescription(cut(reply.text, DESCRIPTION_MAX));
  const fields = (reply.fields ?? []).slice(0, FIELDS_MAX).map((f) => ({
    name: cut(f.name || '\u200b', FIELD_NAME_MAX),
    value: cut(f.value || '\u200b', FIELD_VALUE_MAX),
    inline: f.inline ?? false,
  }));
  if (fields.length) embed.addFields(fields);
  const embeds = [embed];
  const files: AttachmentBuilder[] = [];
  if (reply.image) {
    files.push(new AttachmentBuilder(Buffer.from(reply.image.png), { name: reply.image.filename, description: reply.image.alt }));
    embed.setImage(`attachment://${reply.image.filename}`);
  }
  const celebrate = reply.celebrate ?? [];
  if (celebrate.length) {
    const lines = celebrate.map(
      (a) => `🎉 New achievement: ${a.icon} ${a.title} (${a.description})${a.pointsReward ? `, +${a.pointsReward} points` : ''}`,
    );
    embeds.push(new EmbedBuilder().setColor(CELEBRATE_COLOR).setDescription(cut(lines.join('\n'), DESCRIPTION_MAX)));
  }
  // An embed needs a title or description; an empty reply still says something.
  if (!reply.title && !reply.text && !fields.length && !reply.image) embed.setDescription('Done.');
  const payload: DiscordMessagePayload = { embeds, components: renderButtons(reply.actions) };
  if (files.length) payload.files = files;
  if (isEphemeral(reply, isDM)) payload.flags = MessageFlags.Ephemeral;
  return payload;
}
