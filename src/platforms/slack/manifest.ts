/**
 * The Slack app manifest, generated from the same command definitions as help
 * and Discord registration: paste it into "Create an app → From a manifest".
 */
import type { CommandDefinition } from '../../../commands/define.ts';
import { ALL_COMMANDS } from '../../../commands/index.ts';
import { SLASH_COMMAND } from './slack-adapter.ts';

// assistant:write and the assistant_thread_* events put the coach in Slack's AI side panel; files:write uploads the progress chart.
export const BOT_SCOPES = ['commands', 'chat:write', 'im:history', 'im:write', 'users:read', 'assistant:write', 'files:write'] as const;
export const BOT_EVENTS = ['app_home_opened', 'message.im', 'assistant_thread_started', 'assistant_thread_context_changed'] as const;

// Slack's limits for a slash command (the app settings page enforces 100 for the description).
const DESCRIPTION_MAX = 100;
const USAGE_HINT_MAX = 1000;

export interface SlackManifest {
  display_information: { name: string; description: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    assistant_view: { assistant_description: string };
    slash_commands: Array<{ command: string; url: string; description: string; usage_hint: string; should_escape: boolean }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * @example
 * slackManifest({ name: 'Extrovertly', requestUrl: 'https://companion.example.com/slack/events' })
 */
export function slackManifest({
  name,
  requestUrl,
  commands = ALL_COMMANDS,
  socketMode = false,
}: {
  name: string;
  /** Where Slack sends commands, events and button presses; unused (but harmless) in Socket Mode. */
  requestUrl: string;
  commands?: readonly CommandDefinition[];
  /** True when the app will run with SLACK_APP_TOKEN. */
  socketMode?: boolean;
}): SlackManifest {
  const names = commands.map((c) => c.name);
  return {
    display_information: { name, description: 'Your social-confidence companion: journal, missions, events, mood and goals.' },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      // Slack allows at most 80 characters for the bot's display name.
      bot_user: { display_name: name.slice(0, 80), always_online: true },
      // The coach in Slack's Agents & AI Apps panel; the prompts shown when a thread opens come from the app itself.
      assistant_view: { assistant_description: 'Your private social-confidence coach: practise a conversation, plan a mission, reflect on your day.' },
      slash_commands: [
        {
          command: SLASH_COMMAND,
          url: requestUrl,
          description: clip(`Extrovertly companion: ${names.join(', ')}`, DESCRIPTION_MAX),
          usage_hint: clip(`[${names.join(' | ')}] [subcommand] [option:value …] [text]`, USAGE_HINT_MAX),
          should_escape: false,
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { request_url: requestUrl, bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, request_url: requestUrl },
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  };
}
