/** `help`: every command with an example, or one command's subcommands and options, generated from the definitions. */
import { UserError } from '../src/core/errors.ts';
import type { Platform } from '../src/core/users.ts';
import { closest } from '../src/router/closest.ts';
import { privateReply } from '../src/router/types.ts';
import { defineCommand, defineLeaf, leavesOf, type CommandDefinition, type Leaf, type OptionDef } from './define.ts';
import { field } from './format.ts';
import { text } from './options.ts';

/** What an option accepts, in words. */
function accepts(option: OptionDef): string {
  if (option.choices) return `one of ${option.choices.join(', ')}`;
  switch (option.kind) {
    case 'boolean':
      return 'on or off';
    case 'integer':
      return `a whole number from ${option.min?.toLocaleString('en-US')} to ${option.max?.toLocaleString('en-US')}`;
    case 'number':
      return `a number from ${option.min?.toLocaleString('en-US')} to ${option.max?.toLocaleString('en-US')}`;
    default:
      return `text up to ${(option.maxLength ?? 0).toLocaleString('en-US')} characters${option.autocomplete ? ', with suggestions' : ''}`;
  }
}

/** How a command is typed where the person is: `/extro journal …` on Slack, `/journal …` on Discord, `journal …` in the console. */
export function typedPrefix(platform: Platform): string {
  return platform === 'slack' ? '/extro ' : platform === 'discord' ? '/' : '';
}

function describeLeaf(leaf: Leaf, prefix: string): string {
  const lines = [leaf.description];
  for (const [name, option] of Object.entries(leaf.options)) {
    const typed = leaf.textOption === name ? '; or just write it after the other options' : '';
    lines.push(`• ${name}${option.required ? ' (required)' : ''}: ${option.description} (${accepts(option)}${typed})`);
  }
  if (Object.keys(leaf.options).length === 0) lines.push('No options.');
  if (leaf.example) lines.push(`Example: ${prefix}${leaf.example}`);
  return lines.join('\n');
}

function firstExample(command: CommandDefinition): string | undefined {
  return leavesOf(command).find(({ leaf }) => leaf.example)?.leaf.example;
}

/** `commands` is read when help runs, so help can list itself without an import cycle. */
export function createHelpCommand(commands: () => readonly CommandDefinition[]): CommandDefinition {
  return defineCommand({
    name: 'help',
    description: 'What I can do, and how to use each command',
    leaf: defineLeaf({
      name: 'help',
      description: 'What I can do, and how to use each command',
      options: { command: text({ description: 'A command to explain, like journal', maxLength: 32 }) },
      textOption: 'command',
      example: 'help journal',
      async handler(ctx, { command: asked }) {
        const all = commands();
        const prefix = typedPrefix(ctx.invocation.platform);
        if (asked === undefined) {
          return privateReply(`Here is everything I can do. For the details of one command, type ${prefix}help and its name, like ${prefix}help journal.`, {
            title: 'Help',
            fields: all.map((c) => field(c.name, `${c.description}${firstExample(c) ? `\nExample: ${prefix}${firstExample(c)}` : ''}`)),
          });
        }
        const [name = '', sub] = asked.toLowerCase().replace(/^\/+/, '').split(/\s+/);
        const command = all.find((c) => c.name === name);
        if (!command) {
          const guess = closest(name, all.map((c) => c.name));
          throw new UserError('not_found', `I don't know the command "${name}".${guess ? ` Did you mean ${guess}?` : ''} Type ${prefix}help to see them all.`);
        }
        const leaves = leavesOf(command).filter(({ subcommand }) => sub === undefined || subcommand === sub);
        if (leaves.length === 0) {
          const names = leavesOf(command).map(({ subcommand }) => subcommand ?? command.name);
          const guess = closest(sub!, names);
          throw new UserError('not_found', `${command.name} has no "${sub}".${guess ? ` Did you mean ${command.name} ${guess}?` : ''} It has: ${names.join(', ')}.`);
        }
        return privateReply(command.description, {
          title: `Help: ${command.name}`,
          fields: leaves.map(({ subcommand, leaf }) => field(subcommand ? `${command.name} ${subcommand}` : command.name, describeLeaf(leaf, prefix))),
        });
      },
    }),
  });
}
