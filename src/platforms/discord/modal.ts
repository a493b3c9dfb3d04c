/**
 * The journal-entry modal: a button with the id JOURNAL_MODAL_ACTION opens it,
 * and its submission (custom id JOURNAL_MODAL_ID) becomes `journal write`.
 */
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ModalSubmitInteraction } from 'discord.js';
import { CONTENT_MAX_LENGTH } from '../../core/journal.ts';
import { MOOD_MAX_LENGTH } from '../../core/mood.ts';

/** The button id that opens the modal (never routed to a command). */
export const JOURNAL_MODAL_ACTION = 'journal:write:modal';
/** The modal's custom id; its submission arrives with it. */
export const JOURNAL_MODAL_ID = 'journal_write';
/** Discord's limit on a short text input. */
const TAGS_MAX_LENGTH = 400;

export function journalModal(): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(JOURNAL_MODAL_ID)
    .setTitle('Journal entry')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('What happened and how it went')
        .setTextInputComponent(
          new TextInputBuilder().setCustomId('content').setStyle(TextInputStyle.Paragraph).setMaxLength(CONTENT_MAX_LENGTH).setRequired(true),
        ),
      new LabelBuilder()
        .setLabel('How you feel')
        .setDescription('happy, calm, nervous, hopeful… or your own words')
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId('mood')
            .setStyle(TextInputStyle.Short)
            .setMaxLength(MOOD_MAX_LENGTH)
            .setPlaceholder('calm')
            .setRequired(true),
        ),
      new LabelBuilder()
        .setLabel('Tags (optional)')
        .setDescription('A few tags, separated by commas or spaces')
        .setTextInputComponent(
          new TextInputBuilder().setCustomId('tags').setStyle(TextInputStyle.Short).setMaxLength(TAGS_MAX_LENGTH).setRequired(false),
        ),
    );
}

/** The `journal write` options a submitted modal holds; empty inputs are left out so validation words them. */
export function journalModalOptions(interaction: ModalSubmitInteraction): Record<string, string> {
  const options: Record<string, string> = {};
  for (const name of ['content', 'mood', 'tags'] as const) {
    let value = '';
    try {
      value = interaction.fields.getTextInputValue(name);
    } catch {
      // A field the submission lacks is simply empty.
    }
    if (value.trim()) options[name] = value;
  }
  return options;
}
