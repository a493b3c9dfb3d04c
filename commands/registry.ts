/**
 * The command registry: refuses duplicate or malformed definitions when it is
 * built, so a mistake fails at start-up (and in tests), not when someone types.
 */
import { z } from 'zod';
import { leavesOf, type CommandDefinition, type Leaf } from './define.ts';

export interface CommandRegistry {
  readonly commands: readonly CommandDefinition[];
  get(name: string): CommandDefinition | undefined;
  /** The leaf for `command [subcommand]`, or undefined. */
  leaf(command: string, subcommand: string | undefined): Leaf | undefined;
  subcommandsOf(command: string): readonly string[];
}

// Discord's rules for names and descriptions, which are the strictest of the platforms.
const NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const description = z.string().min(1).max(100);

const leafShape = z.object({
  name: z.string().regex(NAME, 'names are 1-32 lowercase letters, digits, - or _'),
  description,
  options: z.record(z.string().regex(NAME, 'option names are 1-32 lowercase letters, digits, - or _'), z.object({ description, kind: z.string() }).loose()),
});

export function createRegistry(definitions: readonly CommandDefinition[]): CommandRegistry {
  const byName = new Map<string, CommandDefinition>();
  for (const command of definitions) {
    const where = `command "${command.name}"`;
    leafShape.pick({ name: true, description: true }).parse({ name: command.name, description: command.description });
    if (byName.has(command.name)) throw new Error(`${where} is defined twice`);
    if (Boolean(command.leaf) === Boolean(command.subcommands?.length)) {
      throw new Error(`${where} needs either subcommands or one leaf, not both or neither`);
    }
    const seen = new Set<string>();
    for (const { leaf } of leavesOf(command)) {
      const parsed = leafShape.safeParse(leaf);
      if (!parsed.success) throw new Error(`${where}, ${leaf.name}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      if (seen.has(leaf.name)) throw new Error(`${where} has subcommand "${leaf.name}" twice`);
      seen.add(leaf.name);
      const options = Object.entries(leaf.options);
      if (options.length > 25) throw new Error(`${where}, ${leaf.name}: at most 25 options`);
      const firstOptional = options.findIndex(([, o]) => !o.required);
      if (firstOptional >= 0 && options.slice(firstOptional).some(([, o]) => o.required)) {
        throw new Error(`${where}, ${leaf.name}: required options must come before optional ones`);
      }
      // Free text arrives as a string, which text, integer and number schemas all parse (`checkin 7`).
      const textKind = leaf.textOption ? leaf.options[leaf.textOption]?.kind : undefined;
      if (leaf.textOption && (textKind === undefined || textKind === 'boolean')) {
        throw new Error(`${where}, ${leaf.name}: textOption must name a text or number option`);
      }
    }
    if ((command.subcommands?.length ?? 0) > 25) throw new Error(`${where}: at most 25 subcommands`);
    byName.set(command.name, command);
  }
  return {
    commands: [...byName.values()],
    get: (name) => byName.get(name),
    leaf(command, subcommand) {
      const definition = byName.get(command);
      if (!definition) return undefined;
      if (definition.leaf) return subcommand === undefined ? definition.leaf : undefined;
      return definition.subcommands?.find((leaf) => leaf.name === subcommand);
    },
    subcommandsOf: (command) => byName.get(command)?.subcommands?.map((leaf) => leaf.name) ?? [],
  };
}
