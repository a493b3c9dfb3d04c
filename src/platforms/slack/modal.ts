/**
 * The journal-entry modal: a bare `/extro journal write` (or the
 * `journal:write:modal` button) opens it, and its submission becomes
 * `journal write`. Slack checks the required inputs itself; the submission is
 * checked again here so a blank entry gets field-level errors, kindly worded.
 */
import type { CommandRegistry } from '../../../commands/registry.ts';
import { CONTENT_MAX_LENGTH } from '../../core/journal.ts';
import { UserError } from '../../core/errors.ts';
import { MOOD_MAX_LENGTH, MOODS } from '../../core/mood.ts';
import { findLeaf, validateOptions } from '../../router/dispatch.ts';

/** The modal's callback_id; `app.view()` listens for it. */
export const JOURNAL_MODAL_ID = 'journal_write';
/** The button id that opens the modal (never routed to a command). */
export const JOURNAL_MODAL_ACTION = 'journal:write:modal';
const TAGS_MAX_LENGTH = 400;
const FIELDS = ['content', 'mood', 'tags'] as const;
type Field = (typeof FIELDS)[number];

/** Where the answer to a submission goes: the channel the modal was opened from, else a DM. */
export interface ModalOrigin {
  readonly channelId?: string | undefined;
  readonly isDM?: boolean | undefined;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function journalModalView(origin: ModalOrigin = {}) {
  return {
    type: 'modal' as const,
    callback_id: JOURNAL_MODAL_ID,
    title: plain('Journal entry'),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ channel_id: origin.channelId ?? '', is_dm: origin.isDM ?? false }),
    blocks: [
      {
        type: 'input' as const,
        block_id: 'content',
        label: plain('What happened and how it went'),
        element: { type: 'plain_text_input' as const, action_id: 'content', multiline: true, max_length: CONTENT_MAX_LENGTH },
      },
      {
        type: 'input' as const,
        block_id: 'mood',
        label: plain('How you feel'),
        hint: plain(`For example ${MOODS.slice(0, 6).join(', ')}, nervous… or your own words.`),
        element: { type: 'plain_text_input' as const, action_id: 'mood', max_length: MOOD_MAX_LENGTH, placeholder: plain('calm') },
      },
      {
        type: 'input' as const,
        block_id: 'tags',
        optional: true,
        label: plain('Tags'),
        hint: plain('A few tags, separated by commas or spaces.'),
        element: { type: 'plain_text_input' as const, action_id: 'tags', max_length: TAGS_MAX_LENGTH },
      },
    ],
  };
}

/** The origin carried in private_metadata; a missing or odd value means "answer in a DM". */
export function modalOrigin(privateMetadata: string | undefined): ModalOrigin {
  try {
    const parsed = JSON.parse(privateMetadata || '{}') as { channel_id?: unknown; is_dm?: unknown };
    return {
      channelId: typeof parsed.channel_id === 'string' && parsed.channel_id ? parsed.channel_id : undefined,
      isDM: parsed.is_dm === true,
    };
  } catch {
    return {};
  }
}

type StateValues = Record<string, Record<string, { value?: string | null } | undefined> | undefined>;

/** The submitted inputs; blank ones are left out. */
export function modalOptions(values: StateValues): Partial<Record<Field, string>> {
  const options: Partial<Record<Field, string>> = {};
  for (const name of FIELDS) {
    const value = values[name]?.[name]?.value;
    if (typeof value === 'string' && value.trim()) options[name] = value;
  }
  return options;
}

/**
 * Field-level errors for a submission, keyed by block id, or undefined when
 * `journal write` would accept it. Uses the command's own option checks.
 */
export function modalErrors(registry: CommandRegistry, options: Partial<Record<Field, string>>): Record<string, string> | undefined {
  const errors: Record<string, string> = {};
  if (!options.content) errors.content = 'Write a few words about your day; the entry is empty.';
  if (!options.mood) errors.mood = `Say how you feel, like ${MOODS.slice(0, 3).join(', ')}, or in your own words.`;
  if (Object.keys(errors).length > 0) return errors;
  try {
    validateOptions(findLeaf(registry, 'journal', 'write'), { options });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const field = FIELDS.find((name) => error.message.startsWith(`${name}:`));
    if (!field) return undefined; // Not about one input: dispatch answers it as a message.
    const message = error.message.slice(field.length + 1).trim();
    return { [field]: message.charAt(0).toUpperCase() + message.slice(1) };
  }
  return undefined;
}
