/**
 * Every command the companion answers, the registry built from them, and the
 * helpers platforms need around them: autocomplete and button presses.
 */
import type { CoreDeps } from '../src/core/deps.ts';
import { searchEvents } from '../src/core/events.ts';
import { searchGoals } from '../src/core/goals.ts';
import { searchMissions } from '../src/core/missions.ts';
import { UserError } from '../src/core/errors.ts';
import { resolveUser, type PlatformUser } from '../src/core/users.ts';
import { achievements } from './achievements.ts';
import { checkin } from './checkin.ts';
import { coach } from './coach.ts';
import type { AutocompleteKind, CommandDefinition } from './define.ts';
import { event } from './event.ts';
import { truncate } from './format.ts';
import { goal } from './goal.ts';
import { createHelpCommand } from './help.ts';
import { journal } from './journal.ts';
import { mission } from './mission.ts';
import { mood } from './mood.ts';
import { privacy } from './privacy.ts';
import { profile } from './profile.ts';
import { progress } from './progress.ts';
import { reminders } from './reminders.ts';
import { createRegistry } from './registry.ts';
import { settings } from './settings.ts';

const help = createHelpCommand(() => ALL_COMMANDS);

/** In the order help lists them. */
export const ALL_COMMANDS: readonly CommandDefinition[] = [
  journal,
  mood,
  checkin,
  mission,
  event,
  goal,
  progress,
  achievements,
  coach,
  profile,
  settings,
  reminders,
  privacy,
  help,
];

export const registry = createRegistry(ALL_COMMANDS);

export interface AutocompleteChoice {
  readonly name: string;
  readonly value: string;
}

/** Discord's limits for autocomplete: 25 choices, names of at most 100 characters. */
const MAX_CHOICES = 25;
const NAME_MAX = 100;
const QUERY_MAX = 200;

/**
 * Suggestions for an option marked `autocomplete`, values being ids the
 * services accept wherever a name is expected. Never throws for odd input: a
 * half-typed query just gets no suggestions.
 */
/** Autocomplete for a person as the platform knows them: adapters never look people up themselves. */
export async function autocompleteFor(deps: CoreDeps, who: PlatformUser, kind: AutocompleteKind, query: string): Promise<AutocompleteChoice[]> {
  return autocomplete(deps, (await resolveUser(deps, who)).id, kind, query);
}

export async function autocomplete(deps: CoreDeps, userId: string, kind: AutocompleteKind, query: string): Promise<AutocompleteChoice[]> {
  const q = (typeof query === 'string' ? query : '').trim().slice(0, QUERY_MAX);
  try {
    switch (kind) {
      case 'mission':
        return (await searchMissions(deps, q, MAX_CHOICES)).map((m) => ({ name: truncate(`${m.title} (${m.difficulty})`, NAME_MAX), value: m.id }));
      case 'event':
        return (await searchEvents(deps, q, MAX_CHOICES)).map((e) => ({ name: truncate(`${e.title} · ${e.date} ${e.time}`, NAME_MAX), value: e.id }));
      case 'goal':
        return (await searchGoals(deps, userId, q, MAX_CHOICES)).map((g) => ({
          name: truncate(`${g.title} (${g.status === 'active' ? `${g.progressPercent}%` : g.status})`, NAME_MAX),
          value: g.id,
        }));
    }
  } catch (error) {
    if (error instanceof UserError) return [];
    throw error;
  }
}

export interface ActionInvocation {
  readonly command: string;
  readonly subcommand: string | undefined;
  readonly options: Readonly<Record<string, string>>;
  readonly freeText: string;
}

/**
 * The command a button press stands for. Ids are `<command>:<subcommand>:<argument>`:
 * the argument fills the leaf's text option; on a leaf without one it names a flag
 * option to turn on (`privacy:delete:confirm`), or is only a label (`mission:suggest:next`).
 * For a command without subcommands the middle part is a verb and is ignored
 * (`progress:show:me`). Undefined for an id no command owns.
 */
export function actionInvocation(id: string): ActionInvocation | undefined {
  const first = id.indexOf(':');
  const second = first < 0 ? -1 : id.indexOf(':', first + 1);
  if (second < 0) return undefined;
  const command = id.slice(0, first);
  const middle = id.slice(first + 1, second);
  const argument = id.slice(second + 1);
  const definition = registry.get(command);
  if (!definition) return undefined;
  const subcommand = definition.leaf ? undefined : middle;
  const leaf = registry.leaf(command, subcommand);
  if (!leaf) return undefined;
  if (leaf.textOption) return { command, subcommand, options: {}, freeText: argument };
  const option = leaf.options[argument];
  if (option?.kind === 'boolean') return { command, subcommand, options: { [argument]: 'yes' }, freeText: '' };
  return { command, subcommand, options: {}, freeText: '' };
}
