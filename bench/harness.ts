/** What every benchmark entry reports (see BENCH.md: `name` and `db` identify a figure). */
export interface BenchResult {
  readonly name: string;
  readonly db: 'postgres' | 'pglite';
  readonly value: number;
  readonly unit: string;
  readonly goal: string;
  readonly detail: string;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Progress goes to standard error, so `--json` output stays one object on standard output. */
export function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
