import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand, defineLeaf } from '../commands/define.ts';
import { choice, text } from '../commands/options.ts';
import { createRegistry } from '../commands/registry.ts';
import { createLogger } from '../src/logger.ts';
import { startConsole } from '../src/platforms/console/console-adapter.ts';
import { renderText } from '../src/platforms/console/render.ts';
import { privateReply } from '../src/router/types.ts';
import { coreDeps, routerDeps } from './helpers/core.ts';
import { freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';

const registry = createRegistry([
  defineCommand({
    name: 'note',
    description: 'Notes for the console tests',
    subcommands: [
      defineLeaf({
        name: 'write',
        description: 'Write a note as a journal entry',
        options: { content: text({ description: 'What', maxLength: 100, required: true }), mood: choice({ description: 'Mood', values: ['calm', 'proud'] }) },
        textOption: 'content',
        handler: async (ctx, o) => {
          await ctx.deps.db.prisma.journalEntry.create({ data: { userId: ctx.user.id, content: o.content, mood: o.mood ?? 'calm' } });
          return privateReply(`Saved: ${o.content}`, {
            title: 'Journal',
            fields: [{ name: 'Mood', value: o.mood ?? 'calm' }],
            actions: [{ id: 'note:write:again', label: 'Write another', commandText: 'note write …' }],
          });
        },
      }),
    ],
  }),
]);

describe('console adapter', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase('pglite');
  });
  afterAll(async () => t.dispose());

  it('runs a piped script line by line, in order, and stops at exit', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const session = startConsole({
      router: routerDeps({ core: coreDeps(t.db), registry, logger: createLogger('silent') }),
      input,
      output,
      interactive: false,
      person: { externalId: 'local:script', displayName: 'Script' },
    });
    input.end(
      [
        'note write mood:proud I said hi to a neighbour',
        '',
        'nte write x',
        'note write mood:"unclosed',
        'note write mood:grumpy hello',
        'note write second entry',
        'exit',
        'note write after exit',
      ].join('\n'),
    );
    await session.closed;

    const blocks = printed.trim().split('\n');
    expect(blocks[0]).toBe('Journal');
    expect(printed).toContain('Saved: I said hi to a neighbour');
    expect(printed).toContain('• Mood: proud');
    expect(printed).toContain('Next:\n  Write another: note write …');
    expect(printed).toContain(`I didn't recognise "nte" as a command. Did you mean note? Type help to see what I can do.`);
    expect(printed).toContain('There is an unclosed quote in your message');
    expect(printed).toContain('mood: choose one of calm, proud');
    expect(printed.indexOf('I said hi')).toBeLessThan(printed.indexOf('Saved: second entry'));
    expect(printed).not.toContain('after exit');

    const entries = await sql<{ content: string }>(
      t.db,
      `SELECT j.content FROM journal_entries j JOIN companion_platform_identities p ON p.user_id = j.user_id
        WHERE p.platform = 'console' AND p.external_id = 'local:script' ORDER BY j.created_at`,
    );
    expect(entries.map((e) => e.content)).toEqual(['I said hi to a neighbour', 'second entry']);
  });

  it('renders celebrations and image alt text', () => {
    const text = renderText(
      privateReply('Nice work.', {
        celebrate: [{ id: 'a', title: 'First Steps', description: 'Write your first journal entry', icon: '📝', pointsReward: 50 }],
        image: { png: new Uint8Array(), filename: 'progress.png', alt: 'Confidence over 30 days' },
      }),
    );
    expect(text).toBe('Nice work.\n🎉 New achievement: 📝 First Steps (Write your first journal entry), +50 points\n(Confidence over 30 days)');
  });
});
