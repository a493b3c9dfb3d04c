/**
 * `npm run commands:deploy`: registers the slash commands with Discord, to the
 * dev guild when DISCORD_DEV_GUILD_ID is set (instant), else globally.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { loadConfig } from '../../config.ts';
import { discordCommandData } from './registration.ts';

export interface DeployOptions {
  readonly token: string;
  readonly applicationId: string;
  readonly devGuildId?: string | undefined;
  readonly apiUrl?: string | undefined;
}

export interface DeployResult {
  readonly count: number;
  readonly scope: 'guild' | 'global';
}

export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const body = discordCommandData();
  const route = options.devGuildId
    ? Routes.applicationGuildCommands(options.applicationId, options.devGuildId)
    : Routes.applicationCommands(options.applicationId);
  const answer = await rest.put(route, { body });
  const count = Array.isArray(answer) ? answer.length : body.length;
  return { count, scope: options.devGuildId ? 'guild' : 'global' };
}

export async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  if (!config.discord) {
    console.error('Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (in the environment or .env) to deploy commands.');
    return 1;
  }
  try {
    const result = await deployCommands(config.discord);
    console.log(
      result.scope === 'guild'
        ? `Registered ${result.count} commands to guild ${config.discord.devGuildId}.`
        : `Registered ${result.count} commands globally (they can take up to an hour to appear).`,
    );
    return 0;
  } catch (error) {
    console.error(`Could not register commands: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
