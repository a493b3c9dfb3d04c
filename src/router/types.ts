/**
 * The platform-neutral contracts between adapters, the router and commands
 * (ARCHITECTURE.md, "Contracts between the layers").
 */
import type { CoachService } from '../coach/types.ts';
import type { EarnedAchievement } from '../core/achievements.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { CompanionUser, Platform } from '../core/users.ts';
import type { Logger } from '../logger.ts';

export interface Invocation {
  readonly platform: Platform;
  readonly command: string;
  readonly subcommand?: string | undefined;
  /** Option values as the platform gave them: typed on Discord, strings from text. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Words after the options in the text grammar; they fill the command's main text option. */
  readonly freeText?: string | undefined;
  readonly user: {
    readonly platform: Platform;
    readonly externalId: string;
    readonly workspaceId?: string | undefined;
    readonly displayName: string;
    readonly locale?: string | undefined;
    readonly timezone?: string | undefined;
  };
  readonly channel: { readonly id: string; readonly isDM: boolean };
  /** The platform's id for this delivery; what makes a redelivery harmless. */
  readonly requestId: string;
}

export interface ReplyField {
  readonly name: string;
  readonly value: string;
  readonly inline?: boolean;
}

export interface ReplyAction {
  /** Routed back as a button press: `<command>:<action>:<argument>`, at most 100 characters. */
  readonly id: string;
  readonly label: string;
  readonly style?: 'primary' | 'secondary' | 'success' | 'danger';
  /** The same step typed as a command, for platforms without buttons (the console). */
  readonly commandText?: string;
}

export interface Reply {
  readonly text: string;
  /** Private replies are ephemeral in channels and plain in DMs. */
  readonly visibility: 'private' | 'public';
  readonly title?: string;
  readonly fields?: readonly ReplyField[];
  readonly actions?: readonly ReplyAction[];
  readonly image?: { readonly png: Uint8Array; readonly filename: string; readonly alt: string };
  /** Achievements this step earned, for the platform to celebrate. */
  readonly celebrate?: readonly EarnedAchievement[];
}

export interface CommandContext {
  readonly user: CompanionUser;
  readonly deps: CoreDeps;
  readonly invocation: Invocation;
  readonly logger: Logger;
  /** The private AI coach; commands use it only in DMs. */
  readonly coach: CoachService;
  now(): Date;
  /** Tells the platform an answer will take a while (Discord: deferReply). Safe to call more than once. */
  defer(): Promise<void>;
}

export function privateReply(text: string, extra: Omit<Reply, 'text' | 'visibility'> = {}): Reply {
  return { text, visibility: 'private', ...extra };
}
