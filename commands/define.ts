/**
 * One definition per command: name, description, options (zod schemas with the
 * metadata Discord needs) and a handler. Discord registration, the Slack
 * manifest, help and validation are all generated from these objects.
 */
import { z } from 'zod';
import type { CommandContext, Reply } from '../src/router/types.ts';

export type AutocompleteKind = 'mission' | 'event' | 'goal';

export interface OptionDef<S extends z.ZodType = z.ZodType> {
  /** Parses the raw value: typed (Discord) or a string (Slack, console). */
  readonly schema: S;
  readonly description: string;
  readonly kind: 'string' | 'integer' | 'number' | 'boolean';
  readonly required: boolean;
  readonly choices?: readonly string[];
  readonly autocomplete?: AutocompleteKind;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
}

export type OptionDefs = Readonly<Record<string, OptionDef>>;

export type OptionValues<O extends OptionDefs> = { [K in keyof O]: z.output<O[K]['schema']> };

export interface Leaf<O extends OptionDefs = OptionDefs> {
  /** The subcommand's name; for a command without subcommands, the command's own name. */
  readonly name: string;
  readonly description: string;
  readonly options: O;
  /** The option free text fills (`journal write I said hi` → content). */
  readonly textOption?: Extract<keyof O, string>;
  /** A usage example in the text grammar, shown in help. */
  readonly example?: string;
  readonly handler: (ctx: CommandContext, options: OptionValues<O>) => Promise<Reply>;
}

export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  /** Either subcommands, or exactly one leaf named like the command. */
  readonly subcommands?: readonly Leaf[];
  readonly leaf?: Leaf;
}

/** Keeps a leaf's option types for its handler. */
export function defineLeaf<O extends OptionDefs>(leaf: Leaf<O>): Leaf {
  return leaf as unknown as Leaf;
}

export function defineCommand(command: CommandDefinition): CommandDefinition {
  return command;
}

/** The leaves of a command, with their subcommand name (undefined for a leaf command). */
export function leavesOf(command: CommandDefinition): Array<{ subcommand: string | undefined; leaf: Leaf }> {
  if (command.leaf) return [{ subcommand: undefined, leaf: command.leaf }];
  return (command.subcommands ?? []).map((leaf) => ({ subcommand: leaf.name, leaf }));
}
