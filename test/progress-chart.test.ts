import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../commands/index.ts';
import { progressChartAlt, renderProgressChart } from '../src/charts/progress-chart.ts';
import type { DayProgress, ProgressSummary } from '../src/core/progress.ts';
import { createLogger } from '../src/logger.ts';
import { startConsole } from '../src/platforms/console/console-adapter.ts';
import { dispatch } from '../src/router/dispatch.ts';
import { parseCommandText } from '../src/router/text-grammar.ts';
import type { Reply } from '../src/router/types.ts';
import { coreDeps, type TestClock, routerDeps } from './helpers/core.ts';
import { freshDatabase, type TestDatabase } from './helpers/databases.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Width and height from the IHDR chunk, which always comes first. */
const pngSize = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

const day = (date: string, confidenceLevel: number | null, mood: string | null): DayProgress => ({
  date,
  confidenceLevel,
  mood,
  activities: 1,
  journalEntries: 0,
  missionsCompleted: 0,
  eventsAttended: 0,
  pointsEarned: 0,
});

function summary(recentDays: DayProgress[], missions: number[]): ProgressSummary {
  return {
    confidenceLevel: recentDays.findLast((d) => d.confidenceLevel !== null)?.confidenceLevel ?? 3,
    totalPoints: 0,
    totals: { journalEntries: 0, missionsCompleted: missions.reduce((a, b) => a + b, 0), eventsAttended: 0, achievementsEarned: 0 },
    streak: { streakDays: 0, longestStreak: 0, freezesHeld: 0, daysAwaitingFreeze: 0, lastJournalDay: null },
    recentDays,
    missionsPerWeek: missions.map((completed, i) => ({ weekStart: new Date(Date.UTC(2030, 0, 14 + 7 * i)).toISOString().slice(0, 10), completed })),
    confidencePerWeek: [],
    thisWeek: { activeDays: 0, activities: 0, pointsEarned: 0 },
  };
}

const EMPTY = summary([], [0, 0, 0, 0, 0, 0, 0, 0]);
const FULL = summary(
  [
    day('2030-02-10', 4, 'nervous'),
    day('2030-02-12', null, 'calm'),
    day('2030-02-15', 5, null),
    day('2030-02-20', 8, 'proud'),
    day('2030-02-26', 6, 'calm'),
    day('2030-03-04', 7, 'a bit wobbly'),
  ],
  [0, 1, 0, 0, 1, 0, 0, 1],
);

describe('renderProgressChart', () => {
  it('renders full data as a 720-pixel-wide PNG with the numbers in its alt text', async () => {
    const { png, alt } = await renderProgressChart(FULL);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png).width).toBe(720);
    expect(pngSize(png).height).toBeGreaterThan(400);
    expect(alt).toBe(
      'Confidence from 4 to 7 out of 10 over 5 check-ins in the last 30 days, ranging 4 to 8; moods on 5 days, most often calm (2); 3 missions completed in the last 8 weeks.',
    );
  });

  it('renders empty data, with alt text that says so', async () => {
    const { png, alt } = await renderProgressChart(EMPTY);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png).width).toBe(720);
    expect(alt).toBe('No confidence check-ins in the last 30 days; 0 missions completed in the last 8 weeks.');
    // No data at all, not even the weeks.
    const bare = await renderProgressChart({ ...EMPTY, missionsPerWeek: [] });
    expect(pngSize(bare.png).width).toBe(720);
  });

  it('takes a width, and the alt text counts a single check-in and days older than 30 as outside', async () => {
    const { png } = await renderProgressChart(FULL, { width: 480 });
    expect(pngSize(png).width).toBe(480);
    const one = summary([day('2030-01-01', 2, null), day('2030-03-05', 6, 'calm')], [0, 0, 0, 0, 0, 0, 0, 1]);
    expect(progressChartAlt(one)).toBe('Confidence 6 out of 10 on 1 check-in in the last 30 days; moods on 1 day, most often calm (1); 1 mission completed in the last 8 weeks.');
  });

  it('loads vega lazily: the module has no static vega or resvg import', () => {
    const source = readFileSync(new URL('../src/charts/progress-chart.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import [^;]*from '(vega|@resvg\/resvg-js)'/m);
  });
});

const T0 = '2030-03-06T09:00:00.000Z'; // a Wednesday
const DAY = 86_400_000;

describe('the progress chart through the commands and the console', () => {
  let t: TestDatabase;
  let deps: ReturnType<typeof coreDeps> & { clock: TestClock };
  const logger = createLogger('silent');

  beforeAll(async () => {
    t = await freshDatabase('pglite');
    deps = coreDeps(t.db, T0);
  });
  afterAll(async () => t.dispose());

  const say = (externalId: string, text: string): Promise<Reply> =>
    dispatch(
      routerDeps({ core: deps, registry, logger }),
      {
        platform: 'console',
        ...parseCommandText(text, (c) => registry.subcommandsOf(c)),
        user: { platform: 'console', externalId, displayName: 'Chart Tester' },
        channel: { id: 'console', isDM: true },
        requestId: `req-${Math.random()}`,
      },
    );

  it('progress replies with the chart as progress.png, for a newcomer and after check-ins and a mission', async () => {
    const who = `chart-${process.pid}`;
    const empty = await say(who, 'progress');
    expect(empty.image?.filename).toBe('progress.png');
    expect([...empty.image!.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(empty.image!.alt).toMatch(/^No confidence check-ins in the last 30 days; 0 missions completed/);

    deps.clock.set(new Date(Date.parse(T0) - 3 * DAY));
    await say(who, 'checkin 4');
    deps.clock.set(new Date(Date.parse(T0) - 2 * DAY));
    await say(who, 'mood log mood:calm intensity:6');
    deps.clock.set(T0);
    await say(who, 'checkin 7');
    const suggestion = await say(who, 'mission suggest');
    const missionId = suggestion.actions!.find((a) => a.id.startsWith('mission:start:'))!.id.slice('mission:start:'.length);
    await say(who, `mission start mission:${missionId}`);
    await say(who, `mission complete mission:${missionId}`);

    const full = await say(who, 'progress');
    expect(full.fields?.map((f) => f.name)).toEqual(['Streak', 'Totals', 'This week', 'Confidence']);
    expect(pngSize(full.image!.png).width).toBe(720);
    expect(full.image!.alt).toBe(
      'Confidence from 4 to 7 out of 10 over 2 check-ins in the last 30 days; moods on 1 day, most often calm (1); 1 mission completed in the last 8 weeks.',
    );
  });

  it('the console saves the chart in the temp directory and says where', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const session = startConsole({
      router: routerDeps({ core: deps, registry, logger }),
      input,
      output,
      interactive: false,
      person: { externalId: 'local:chart', displayName: 'Chart' },
    });
    input.end('progress\nexit\n');
    await session.closed;

    const saved = /^Chart saved to (.+\.png) \((No confidence check-ins in the last 30 days; .+)\)$/m.exec(printed);
    expect(saved, printed).not.toBeNull();
    const path = saved![1]!;
    expect(path.startsWith(tmpdir())).toBe(true);
    expect(path).toMatch(/extrovertly-progress-\d+-\d+\.png$/);
    expect(existsSync(path)).toBe(true);
    expect([...readFileSync(path).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    rmSync(path);
  });
});
