/**
 * The `progress` chart as a PNG, made in-process: a plain Vega spec (not
 * vega-lite, see TESTING.md "Charts") → SVG → @resvg/resvg-js, with the
 * system's DejaVu fonts. No browser, no network. Vega and resvg are imported
 * inside the function so loading this module costs nothing at start-up.
 *
 * Two panels for a phone-width image: confidence (1-10) over the last 30 days
 * with the day's mood as a coloured dot beneath it, then missions completed per
 * week over 8 weeks. Empty panels say what will fill them instead of showing
 * bare axes.
 */
import { Worker } from 'node:worker_threads';
import type { ProgressSummary } from '../core/progress.ts';
import { MOODS } from '../core/mood.ts';

export interface ProgressChart {
  readonly png: Uint8Array;
  /** One sentence with the actual numbers, for screen readers and text-only platforms. */
  readonly alt: string;
}

const FONT = 'DejaVu Sans';
const DAYS = 30;
const DAY_MS = 86_400_000;
export const EMPTY_CHART_TEXT = 'Your chart fills in as you check in';
const EMPTY_MISSIONS_TEXT = 'Completed missions will show up here, week by week';

// Calm colours: muted blue for confidence, sage for missions, soft tones for moods.
const INK = '#33414e';
const MUTED = '#6b7885';
const GRID = '#e6eaee';
const PANEL = '#f6f8fa';
const CONFIDENCE = '#3f78a8';
const MISSIONS = '#7bb0a1';
const MOOD_GROUPS = [
  { name: 'bright', colour: '#6fae7f', moods: ['happy', 'hopeful', 'proud', 'grateful', 'excited'] },
  { name: 'steady', colour: '#8fb8d8', moods: ['calm', 'content'] },
  { name: 'tired', colour: '#d2b065', moods: ['tired'] },
  { name: 'heavy', colour: '#a79ac9', moods: ['nervous', 'anxious', 'sad', 'lonely', 'frustrated', 'overwhelmed'] },
  { name: 'own words', colour: '#a9b1b8', moods: [] as string[] },
] as const;
const KNOWN: ReadonlySet<string> = new Set(MOODS);

function moodGroup(mood: string): string {
  if (!KNOWN.has(mood)) return 'own words';
  return MOOD_GROUPS.find((g) => (g.moods as readonly string[]).includes(mood))?.name ?? 'own words';
}

const utc = (date: string) => Date.parse(`${date}T00:00:00.000Z`);
const shortDate = (date: string) => new Date(utc(date)).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The 30 days shown: ending at the latest day the summary knows of (a day row or this week's Monday). */
function window(summary: ProgressSummary): { start: number; end: number } {
  const last = [summary.recentDays.at(-1)?.date, summary.missionsPerWeek.at(-1)?.weekStart].filter((d): d is string => !!d).map(utc);
  const end = last.length > 0 ? Math.max(...last) : utc(new Date().toISOString().slice(0, 10));
  return { start: end - (DAYS - 1) * DAY_MS, end };
}

/** The alt text: one sentence with the numbers the picture shows. */
export function progressChartAlt(summary: ProgressSummary): string {
  const { start } = window(summary);
  const days = summary.recentDays.filter((d) => utc(d.date) >= start);
  const confidence = days.flatMap((d) => (d.confidenceLevel === null ? [] : [d.confidenceLevel]));
  const moods = days.flatMap((d) => (d.mood ? [d.mood] : []));
  const missions = summary.missionsPerWeek.reduce((sum, w) => sum + w.completed, 0);
  const weeks = summary.missionsPerWeek.length || 8;
  const parts: string[] = [];
  if (confidence.length === 0) parts.push(`No confidence check-ins in the last ${DAYS} days`);
  else if (confidence.length === 1) parts.push(`Confidence ${confidence[0]} out of 10 on 1 check-in in the last ${DAYS} days`);
  else {
    const low = Math.min(...confidence);
    const high = Math.max(...confidence);
    const range = low === confidence[0] && high === confidence.at(-1) ? '' : `, ranging ${low} to ${high}`;
    parts.push(`Confidence from ${confidence[0]} to ${confidence.at(-1)} out of 10 over ${confidence.length} check-ins in the last ${DAYS} days${range}`);
  }
  if (moods.length > 0) {
    const counts = new Map<string, number>();
    for (const m of moods) counts.set(m, (counts.get(m) ?? 0) + 1);
    const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    parts.push(`moods on ${plural(moods.length, 'day')}, most often ${top} (${n})`);
  }
  parts.push(`${plural(missions, 'mission')} completed in the last ${weeks} weeks`);
  return `${parts.join('; ')}.`;
}

/** The Vega spec: hand-placed panels so the layout stays the same however much data there is. */
export function progressChartSpec(summary: ProgressSummary, width = 720): Record<string, unknown> {
  const { start, end } = window(summary);
  const left = 56;
  const right = 28;
  const plotW = width - left - right;
  const days = summary.recentDays.filter((d) => utc(d.date) >= start && utc(d.date) <= end);
  const confidence = days.flatMap((d) => (d.confidenceLevel === null ? [] : [{ t: utc(d.date), v: d.confidenceLevel }]));
  const moods = days.flatMap((d) => (d.mood ? [{ t: utc(d.date), mood: d.mood, group: moodGroup(d.mood) }] : []));
  const weeks = summary.missionsPerWeek.map((w) => ({ week: shortDate(w.weekStart), n: w.completed }));
  const anyMissions = weeks.some((w) => w.n > 0);
  const lineEmpty = confidence.length === 0 && moods.length === 0;

  // Vertical layout.
  const top1 = 52; // confidence plot
  const h1 = 210;
  const moodY = top1 + h1 + 46; // mood strip
  const title2 = moodY + 62;
  const top2 = title2 + 36; // missions plot
  const h2 = 150;
  const height = top2 + h2 + 44;

  const heading = (y: number, text: string) => ({
    type: 'text',
    encode: { enter: { x: { value: 16 }, y: { value: y }, text: { value: text }, fontSize: { value: 18 }, fontWeight: { value: 'bold' }, fill: { value: INK }, baseline: { value: 'alphabetic' } } },
  });
  const placeholder = (x: number, y: number, text: string) => ({
    type: 'text',
    encode: { enter: { x: { value: x }, y: { value: y }, text: { value: text }, fontSize: { value: 16 }, fill: { value: MUTED }, align: { value: 'center' }, baseline: { value: 'middle' } } },
  });
  const dayTicks = Array.from({ length: 5 }, (_, i) => end - (28 - 7 * i) * DAY_MS);

  const confidencePanel = lineEmpty
    ? [
        {
          type: 'group',
          encode: { enter: { x: { value: 16 }, y: { value: top1 }, width: { value: width - 32 }, height: { value: moodY + 20 - top1 }, fill: { value: PANEL }, cornerRadius: { value: 8 } } },
          marks: [placeholder((width - 32) / 2, (moodY + 20 - top1) / 2, EMPTY_CHART_TEXT)],
        },
      ]
    : [
        {
          type: 'group',
          encode: { enter: { x: { value: left }, y: { value: top1 }, width: { value: plotW }, height: { value: h1 } } },
          scales: [{ name: 'conf', type: 'linear', domain: [0, 10], range: [h1, 0], zero: true }],
          axes: [
            { orient: 'left', scale: 'conf', values: [0, 2, 4, 6, 8, 10], grid: true, title: 'Confidence (1-10)', titlePadding: 10, domain: false, ticks: false },
            { orient: 'bottom', scale: 'x', values: dayTicks, format: '%b %-d', formatType: 'utc', title: 'Date', grid: true, gridDash: [2, 3] },
          ],
          marks: [
            {
              type: 'line',
              from: { data: 'confidence' },
              encode: { enter: { x: { scale: 'x', field: 't' }, y: { scale: 'conf', field: 'v' }, stroke: { value: CONFIDENCE }, strokeWidth: { value: 3 }, interpolate: { value: 'monotone' } } },
            },
            {
              type: 'symbol',
              from: { data: 'confidence' },
              encode: { enter: { x: { scale: 'x', field: 't' }, y: { scale: 'conf', field: 'v' }, size: { value: 70 }, fill: { value: CONFIDENCE }, stroke: { value: 'white' }, strokeWidth: { value: 1.5 } } },
            },
            ...(confidence.length === 0 ? [placeholder(plotW / 2, h1 / 2, 'Check in (checkin 7) to draw your confidence line')] : []),
          ],
        },
        {
          type: 'group',
          encode: { enter: { x: { value: left }, y: { value: moodY }, width: { value: plotW }, height: { value: 20 } } },
          marks: [
            {
              type: 'text',
              encode: { enter: { x: { value: -10 }, y: { value: 10 }, text: { value: 'Mood' }, fontSize: { value: 13 }, fontWeight: { value: 'bold' }, fill: { value: INK }, align: { value: 'right' }, baseline: { value: 'middle' } } },
            },
            { type: 'rule', encode: { enter: { x: { value: 0 }, x2: { value: plotW }, y: { value: 10 }, stroke: { value: GRID }, strokeWidth: { value: 2 } } } },
            {
              type: 'symbol',
              from: { data: 'moods' },
              encode: { enter: { x: { scale: 'x', field: 't' }, y: { value: 10 }, size: { value: 150 }, fill: { scale: 'mood', field: 'group' }, stroke: { value: 'white' }, strokeWidth: { value: 1.5 } } },
            },
            ...(moods.length === 0 ? [placeholder(plotW / 2, 10, 'Log a mood (mood log calm) to see it here')] : []),
          ],
          legends:
            moods.length === 0
              ? []
              : [{ fill: 'mood', orient: 'none', legendX: 0, legendY: 24, direction: 'horizontal', symbolType: 'circle', symbolSize: 110, labelFontSize: 13, columnPadding: 14, labelColor: INK }],
        },
      ];

  const missionsPanel = anyMissions
    ? [
        {
          type: 'group',
          encode: { enter: { x: { value: left }, y: { value: top2 }, width: { value: plotW }, height: { value: h2 } } },
          scales: [
            { name: 'week', type: 'band', domain: weeks.map((w) => w.week), range: [0, plotW], padding: 0.3 },
            { name: 'count', type: 'linear', domain: [0, Math.max(3, Math.ceil(1.15 * Math.max(...weeks.map((w) => w.n))))], range: [h2, 0], nice: true, zero: true },
          ],
          axes: [
            { orient: 'left', scale: 'count', grid: true, tickMinStep: 1, format: 'd', title: 'Missions', titlePadding: 10, domain: false, ticks: false, tickCount: 4 },
            { orient: 'bottom', scale: 'week', title: 'Week starting', labelOverlap: true },
          ],
          marks: [
            {
              type: 'rect',
              from: { data: 'weeks' },
              encode: {
                enter: {
                  x: { scale: 'week', field: 'week' },
                  width: { scale: 'week', band: 1 },
                  y: { scale: 'count', field: 'n' },
                  y2: { scale: 'count', value: 0 },
                  fill: { value: MISSIONS },
                  cornerRadiusTopLeft: { value: 4 },
                  cornerRadiusTopRight: { value: 4 },
                },
              },
            },
            {
              type: 'text',
              from: { data: 'weeks' },
              encode: {
                enter: {
                  x: { scale: 'week', field: 'week', band: 0.5 },
                  y: { scale: 'count', field: 'n', offset: -6 },
                  text: { signal: "datum.n > 0 ? datum.n : ''" },
                  fontSize: { value: 13 },
                  fill: { value: INK },
                  align: { value: 'center' },
                  baseline: { value: 'bottom' },
                },
              },
            },
          ],
        },
      ]
    : [
        {
          type: 'group',
          encode: { enter: { x: { value: 16 }, y: { value: top2 }, width: { value: width - 32 }, height: { value: h2 }, fill: { value: PANEL }, cornerRadius: { value: 8 } } },
          marks: [placeholder((width - 32) / 2, h2 / 2, EMPTY_MISSIONS_TEXT)],
        },
      ];

  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width,
    height,
    padding: 0,
    autosize: 'none',
    background: 'white',
    config: {
      text: { font: FONT, fill: INK },
      axis: {
        labelFont: FONT,
        titleFont: FONT,
        labelFontSize: 13,
        titleFontSize: 13,
        titleFontWeight: 'bold',
        labelColor: MUTED,
        titleColor: INK,
        gridColor: GRID,
        domainColor: '#c5ccd3',
        tickColor: '#c5ccd3',
      },
      legend: { labelFont: FONT, titleFont: FONT },
    },
    data: [
      { name: 'confidence', values: confidence },
      { name: 'moods', values: moods },
      { name: 'weeks', values: weeks },
    ],
    scales: [
      { name: 'x', type: 'utc', domain: [start - DAY_MS / 2, end + DAY_MS / 2], range: [0, plotW] },
      { name: 'mood', type: 'ordinal', domain: MOOD_GROUPS.map((g) => g.name).filter((g) => moods.some((m) => m.group === g)), range: MOOD_GROUPS.filter((g) => moods.some((m) => m.group === g.name)).map((g) => g.colour) },
    ],
    marks: [
      heading(32, `Confidence and mood, last ${DAYS} days`),
      ...confidencePanel,
      heading(title2 + 18, `Missions completed per week, last ${summary.missionsPerWeek.length || 8} weeks`),
      ...missionsPanel,
    ],
  };
}

/** The progress chart as a PNG `width` pixels wide (720 by default, readable on a phone), and its alt text. */
export async function renderProgressChart(summary: ProgressSummary, opts: { width?: number } = {}): Promise<ProgressChart> {
  const width = Math.round(opts.width ?? 720);
  const [svg, { renderAsync }] = await Promise.all([drawSvg(progressChartSpec(summary, width)), import('@resvg/resvg-js')]);
  // resvg renders on libuv's thread pool, so neither step holds the main thread.
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
  });
  return { png: new Uint8Array(image.asPng()), alt: progressChartAlt(summary) };
}

let svgWorker: Worker | undefined;
let nextRequest = 0;
const pending = new Map<number, { resolve: (svg: string) => void; reject: (error: Error) => void }>();

/** A Vega spec drawn to SVG in a worker thread (one, started on first use). */
function drawSvg(spec: Record<string, unknown>): Promise<string> {
  if (!svgWorker) {
    const worker = new Worker(new URL('./svg-worker.mjs', import.meta.url));
    worker.on('message', ({ id, svg, error }: { id: number; svg?: string; error?: string }) => {
      const request = pending.get(id);
      pending.delete(id);
      if (pending.size === 0) worker.unref();
      if (svg !== undefined) request?.resolve(svg);
      else request?.reject(new Error(error ?? 'chart worker failed'));
    });
    worker.on('error', (error) => {
      // A crashed worker fails what it held; the next chart starts a new one.
      svgWorker = undefined;
      for (const request of pending.values()) request.reject(error);
      pending.clear();
    });
    svgWorker = worker;
  }
  const id = nextRequest++;
  // Held while it has work, released when idle: an idle worker never keeps the process alive.
  svgWorker.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    svgWorker!.postMessage({ id, spec });
  });
}
