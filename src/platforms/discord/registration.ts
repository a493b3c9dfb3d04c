/**
 * The slash-command definitions Discord needs, generated from the registry:
 * the JSON body for PUT /applications/{id}/commands (or the guild variant).
 */
import { ALL_COMMANDS } from '../../../commands/index.ts';
import type { CommandDefinition, Leaf, OptionDef } from '../../../commands/define.ts';

/** Discord's application command option types. */
export const OPTION_TYPE = { subcommand: 1, string: 3, integer: 4, boolean: 5, number: 10 } as const;

/** Discord's limits. */
export const MAX_LENGTH_CAP = 6000;
export const MAX_CHOICES = 25;

export interface DiscordOptionChoice {
  readonly name: string;
  readonly value: string;
}

export interface DiscordValueOption {
  readonly type: 3 | 4 | 5 | 10;
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly choices?: DiscordOptionChoice[];
  readonly autocomplete?: true;
  readonly min_length?: number;
  readonly max_length?: number;
  readonly min_value?: number;
  readonly max_value?: number;
}

export interface DiscordSubcommandOption {
  readonly type: 1;
  readonly name: string;
  readonly description: string;
  readonly options: DiscordValueOption[];
}

export interface DiscordCommandData {
  readonly type: 1;
  readonly name: string;
  readonly description: string;
  readonly options: Array<DiscordSubcommandOption | DiscordValueOption>;
  /** 0: guild install, 1: user install. */
  readonly integration_types: number[];
  /** 0: guild, 1: DM with the bot, 2: private channels. */
  readonly contexts: number[];
}

export function discordOption(name: string, option: OptionDef): DiscordValueOption {
  const data: {
    -readonly [K in keyof DiscordValueOption]: DiscordValueOption[K];
  } = { type: OPTION_TYPE[option.kind], name, description: option.description, required: option.required };
  if (option.choices?.length) data.choices = option.choices.slice(0, MAX_CHOICES).map((value) => ({ name: value, value }));
  // Discord refuses choices together with autocomplete; choices win.
  else if (option.autocomplete) data.autocomplete = true;
  if (option.kind === 'string') {
    if (option.minLength !== undefined) data.min_length = Math.min(option.minLength, MAX_LENGTH_CAP);
    if (option.maxLength !== undefined) data.max_length = Math.min(option.maxLength, MAX_LENGTH_CAP);
  }
  if (option.kind === 'integer' || option.kind === 'number') {
    if (option.min !== undefined) data.min_value = option.min;
    if (option.max !== undefined) data.max_value = option.max;
  }
  return data;
}

function leafOptions(leaf: Leaf): DiscordValueOption[] {
  // The registry guarantees required options come first.
  return Object.entries(leaf.options).map(([name, option]) => discordOption(name, option));
}

export function discordCommand(command: CommandDefinition): DiscordCommandData {
  const options: Array<DiscordSubcommandOption | DiscordValueOption> = command.leaf
    ? leafOptions(command.leaf)
    : (command.subcommands ?? []).map((leaf) => ({ type: 1, name: leaf.name, description: leaf.description, options: leafOptions(leaf) }));
  return { type: 1, name: command.name, description: command.description, options, integration_types: [0, 1], contexts: [0, 1, 2] };
}

/** The body for PUT /applications/{id}/commands. */
export function discordCommandData(commands: readonly CommandDefinition[] = ALL_COMMANDS): DiscordCommandData[] {
  return commands.map(discordCommand);
}
