/** `privacy export|delete`: everything stored about a person, and removing it after a clear confirmation. */
import { deleteUserData, exportUserData, type UserDataExport } from '../src/core/privacy.ts';
import { privateReply, type ReplyField } from '../src/router/types.ts';
import { defineCommand, defineLeaf } from './define.ts';
import { action, commandText, field, plural } from './format.ts';
import { flag } from './options.ts';

/** Table names as people read them. Tables not listed are shown by their name. */
const TABLE_LABELS: Readonly<Record<string, string>> = {
  journal_entries: 'journal entries',
  mood_tracking: 'mood logs',
  user_missions: 'missions',
  user_achievements: 'achievements',
  event_attendees: 'event RSVPs',
  social_goals: 'goals',
  user_profiles: 'profile',
  progress_tracking: 'daily progress',
  coach_conversations: 'coach conversations',
  weekly_insights: 'weekly insights',
  companion_platform_identities: 'linked chat accounts',
  companion_journal_streak_runs: 'streak history',
  companion_streak_freezes: 'streak freezes',
  companion_streak_frozen_days: 'days a freeze covered',
  companion_mission_skips: 'skipped missions',
};

function label(table: string): string {
  return TABLE_LABELS[table] ?? table.replace(/^companion_/, '').replace(/_/g, ' ');
}

/** Per table with rows: "journal entries: 12". */
function contents(data: UserDataExport): { fields: ReplyField[]; rows: number } {
  const counts = Object.entries(data.tables)
    .filter(([, rows]) => rows.length > 0)
    .map(([table, rows]) => [label(table), rows.length] as const)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rows = counts.reduce((sum, [, n]) => sum + n, 0);
  const lines = counts.map(([name, n]) => `${name}: ${n}`);
  if (data.organizedEvents.length) lines.push(`events you organise: ${data.organizedEvents.length}`);
  return { fields: lines.length ? [field('Included', lines.join('\n'))] : [], rows };
}

function size(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const exportLeaf = defineLeaf({
  name: 'export',
  description: 'Get a copy of everything stored about you',
  options: {},
  example: 'privacy export',
  async handler(ctx) {
    await ctx.defer();
    const data = await exportUserData(ctx.deps, ctx.user.id);
    const bytes = Buffer.byteLength(JSON.stringify(data), 'utf8');
    const { fields, rows } = contents(data);
    return privateReply(
      `Your export is ready: your account and settings plus ${plural(rows, 'row')} of your own data, as JSON (${size(bytes)}). It holds everything I keep about you, including your journal, so keep it somewhere safe.`,
      { title: 'Your data export', fields },
    );
  },
});

const deleteLeaf = defineLeaf({
  name: 'delete',
  description: 'Delete everything stored about you',
  options: { confirm: flag({ description: 'Yes, delete everything now' }) },
  example: 'privacy delete confirm:yes',
  async handler(ctx, { confirm }) {
    await ctx.defer();
    if (confirm !== true) {
      const data = await exportUserData(ctx.deps, ctx.user.id);
      const { fields } = contents(data);
      const organised = data.organizedEvents.length
        ? ' Events you organised stay listed for the people going, without your name.'
        : '';
      return privateReply(
        `This permanently deletes your account and everything in it: journal, moods, missions, goals, achievements, progress and settings.${organised} It can't be undone, so you may want to export first.`,
        {
          title: 'Delete everything?',
          fields,
          actions: [
            action('privacy', 'delete', 'confirm', 'Delete everything', 'privacy delete confirm:yes', 'danger'),
            action('privacy', 'export', 'first', 'Export first', commandText('privacy', 'export'), 'secondary'),
          ],
        },
      );
    }
    const summary = await deleteUserData(ctx.deps, ctx.user.id);
    const removed = Object.values(summary.removed).reduce((sum, n) => sum + n, 0);
    return privateReply(
      `Done, ${ctx.user.firstName}: everything is deleted (${plural(removed, 'row')}). Thank you for the time you spent here and for every step you took. If you ever want to come back, I'll be glad to start fresh with you.`,
      { title: 'Your data is deleted' },
    );
  },
});

export const privacy = defineCommand({
  name: 'privacy',
  description: 'Export or delete everything stored about you',
  subcommands: [exportLeaf, deleteLeaf],
});
