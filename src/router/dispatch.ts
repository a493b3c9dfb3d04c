/**
 * The one path for every command: find the definition, validate the options
 * against its schemas, resolve the person, run the handler, and answer every
 * failure once, privately. No error escapes to the adapter.
 */
import type { CommandRegistry } from '../../commands/registry.ts';
import type { Leaf } from '../../commands/define.ts';
import type { CoachService } from '../coach/types.ts';
import type { CoreDeps } from '../core/deps.ts';
import { UserError } from '../core/errors.ts';
import { resolveUser } from '../core/users.ts';
import type { Logger } from '../logger.ts';
import { closest } from './closest.ts';
import { privateReply, type Invocation, type Reply } from './types.ts';

export interface RouterDeps {
  readonly core: CoreDeps;
  readonly registry: CommandRegistry;
  readonly logger: Logger;
  readonly coach: CoachService;
}

export const GENERIC_FAILURE =
  "Sorry, something went wrong on my side, not yours. Nothing was lost; please try again in a moment.";

export async function dispatch(deps: RouterDeps, invocation: Invocation, platform: { defer?: () => Promise<void> } = {}): Promise<Reply> {
  try {
    const leaf = findLeaf(deps.registry, invocation.command, invocation.subcommand ?? unknownSubcommandIn(deps.registry, invocation));
    const options = validateOptions(leaf, invocation);
    const user = await resolveUser(deps.core, invocation.user);
    let deferred = false;
    return await leaf.handler(
      {
        user,
        deps: deps.core,
        invocation,
        logger: deps.logger.child({ requestId: invocation.requestId, command: invocation.command }),
        coach: deps.coach,
        now: () => deps.core.clock.now(),
        async defer() {
          if (deferred || !platform.defer) return;
          deferred = true;
          await platform.defer();
        },
      },
      options,
    );
  } catch (error) {
    if (error instanceof UserError) return privateReply(error.message);
    deps.logger.error({ err: error, requestId: invocation.requestId, command: invocation.command, subcommand: invocation.subcommand }, 'command failed');
    return privateReply(GENERIC_FAILURE);
  }
}

/**
 * Text like `journal wrte hello` reaches here without a subcommand (the grammar
 * only takes known ones): its first word is what the person meant as one.
 */
function unknownSubcommandIn(registry: CommandRegistry, invocation: Invocation): string | undefined {
  if (registry.subcommandsOf(invocation.command).length === 0) return undefined;
  const first = invocation.freeText?.trim().split(/\s+/)[0];
  return first ? first.toLowerCase() : undefined;
}

/** The definition for `command [subcommand]`; an unknown name gets a suggestion. */
export function findLeaf(registry: CommandRegistry, command: string, subcommand: string | undefined): Leaf {
  const definition = registry.get(command);
  if (!definition) {
    const guess = closest(command, registry.commands.map((c) => c.name));
    throw new UserError(
      'not_found',
      `I don't know the command "${command}".${guess ? ` Did you mean ${guess}?` : ''} Type help to see what I can do.`,
    );
  }
  const subcommands = registry.subcommandsOf(command);
  if (subcommands.length === 0) {
    if (subcommand !== undefined) throw new UserError('invalid_input', `${command} has no subcommands; try just ${command}.`);
    return definition.leaf!;
  }
  if (subcommand === undefined) {
    throw new UserError('invalid_input', `${command} needs one of: ${subcommands.join(', ')}. For example: ${command} ${subcommands[0]}`);
  }
  const leaf = registry.leaf(command, subcommand);
  if (!leaf) {
    const guess = closest(subcommand, subcommands);
    throw new UserError(
      'not_found',
      `${command} has no "${subcommand}".${guess ? ` Did you mean ${command} ${guess}?` : ''} It has: ${subcommands.join(', ')}.`,
    );
  }
  return leaf;
}

/** Checks option names and values against the leaf's schemas; free text fills its text option. */
export function validateOptions(leaf: Leaf, invocation: Pick<Invocation, 'options' | 'freeText'>): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...invocation.options };
  const names = Object.keys(leaf.options);
  for (const name of Object.keys(raw)) {
    if (!(name in leaf.options)) {
      const guess = closest(name, names);
      throw new UserError(
        'invalid_input',
        `There is no option "${name}" here.${guess ? ` Did you mean ${guess}?` : ''}${names.length ? ` Options: ${names.join(', ')}.` : ''}`,
      );
    }
  }
  const freeText = invocation.freeText?.trim();
  if (freeText) {
    if (!leaf.textOption) {
      throw new UserError('invalid_input', `This command takes no extra text${names.length ? `; use options like ${names[0]}:value` : ''}.`);
    }
    if (raw[leaf.textOption] !== undefined && raw[leaf.textOption] !== '') {
      throw new UserError('invalid_input', `You gave ${leaf.textOption} twice: as an option and as text. Keep one.`);
    }
    raw[leaf.textOption] = freeText;
  }
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(leaf.options)) {
    const parsed = option.schema.safeParse(raw[name]);
    if (!parsed.success) throw new UserError('invalid_input', `${name}: ${parsed.error.issues[0]!.message}`);
    values[name] = parsed.data;
  }
  return values;
}
