/** A recording messenger and a scheduler wired for tests: injected clock, no real waiting, no chart worker. */
import { randomUUID } from 'node:crypto';
import type { CoreDeps } from '../../src/core/deps.ts';
import { resolveUser, updateSettings, type CompanionUser, type PlatformUser, type SettingsUpdate } from '../../src/core/users.ts';
import { createLogger } from '../../src/logger.ts';
import type { Reply } from '../../src/router/types.ts';
import type { DirectIdentity, DirectMessenger, SendResult } from '../../src/scheduler/messenger.ts';
import { createScheduler, type SchedulerOptions } from '../../src/scheduler/scheduler.ts';

export interface SentDM {
  readonly identity: DirectIdentity;
  readonly reply: Reply;
}

export type Recorder = DirectMessenger & {
  readonly sent: SentDM[];
  /** Every call, including ones answered with something other than ok. */
  readonly calls: SentDM[];
  /** Decides the outcome of a send; ok by default. */
  outcome: (identity: DirectIdentity, call: number) => SendResult | Promise<SendResult>;
  to(userId: string): SentDM[];
};

export function recordingMessenger(platform: DirectMessenger['platform'] = 'console'): Recorder {
  const sent: SentDM[] = [];
  const calls: SentDM[] = [];
  const recorder: Recorder = {
    platform,
    maxPerSecond: 1_000_000,
    sent,
    calls,
    outcome: () => ({ status: 'ok' }),
    async send(identity, reply) {
      calls.push({ identity, reply });
      const result = await recorder.outcome(identity, calls.length);
      if (result.status === 'ok') sent.push({ identity, reply });
      return result;
    },
    to: (userId) => sent.filter((s) => s.identity.userId === userId),
  };
  return recorder;
}

export const silentLogger = createLogger('silent');

export function testScheduler(core: CoreDeps, messengers: DirectMessenger[], extra: Partial<SchedulerOptions> = {}) {
  const sleeps: number[] = [];
  const scheduler = createScheduler({
    core,
    messengers,
    logger: silentLogger,
    weeklyChart: false,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
  return Object.assign(scheduler, { sleeps });
}

export interface Person extends CompanionUser {
  readonly who: PlatformUser;
}

/** A person on `platform` with the given settings, first seen at the clock's now. */
export async function person(core: CoreDeps, settings: SettingsUpdate = {}, platform: PlatformUser['platform'] = 'console'): Promise<Person> {
  const who: PlatformUser = { platform, externalId: `p-${randomUUID().slice(0, 12)}`, displayName: 'Robin Tester' };
  const user = await resolveUser(core, who);
  if (Object.keys(settings).length > 0) await updateSettings(core, user.id, settings);
  return { ...user, who };
}
