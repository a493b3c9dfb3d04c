/**
 * The real entry point (`src/main.ts`) as a child process: configuration errors,
 * start-up on an embedded data directory, the data-directory lock, graceful
 * shutdown on SIGTERM, and refusing a migration changed after it was applied.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';

const TSX_LOADER = import.meta.resolve('tsx');
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const SLOW = 90_000;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Started {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<Exit>;
}

const children = new Set<ChildProcess>();

/** Starts `src/main.ts` in `cwd` with only PATH, HOME and `vars` in its environment. */
function startMain(cwd: string, vars: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...vars },
    // Standard input stays open: in console mode the companion stops when its input ends.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  // 'close' rather than 'exit': the output streams have been read to the end by then.
  const exited = new Promise<Exit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the entry point to completion (it is expected to exit on its own). */
async function runMain(cwd: string, vars: Record<string, string>, ms = 60_000) {
  const started = startMain(cwd, vars);
  const exit = await within(started.exited, ms, 'the entry point to exit');
  return { ...exit, stdout: started.stdout(), stderr: started.stderr() };
}

/** Polls stdout until the ready line appears; returns the port from its health URL. */
async function waitUntilReady(started: Started, ms = 60_000): Promise<number> {
  const deadline = Date.now() + ms;
  let exited = false;
  void started.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    const line = started.stdout().split('\n').find((l) => l.includes('is ready'));
    if (line) {
      const match = /http:\/\/localhost:(\d+)\/healthz/.exec(line);
      if (!match) throw new Error(`ready line without a health URL: ${line}`);
      return Number(match[1]);
    }
    if (exited) throw new Error(`the entry point exited before it was ready; stderr:\n${started.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready after ${ms} ms; stdout:\n${started.stdout()}\nstderr:\n${started.stderr()}`);
}

function pinoLines(stderr: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'extrovertly-startup-'));
});

afterEach(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
  }
  children.clear();
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** A fresh, empty working directory (so no `.env` file is picked up). */
function freshDir(name: string): string {
  const dir = join(workDir, name);
  mkdirSync(dir);
  return dir;
}

describe('entry point configuration errors', () => {
  it('exits 1 with one stderr line naming DATABASE_URL, and nothing on stdout, for a malformed DATABASE_URL', async () => {
    const result = await runMain(freshDir('bad-url'), { DATABASE_URL: 'definitely not a url' });
    expect(result.code).toBe(1);
    const stderr = result.stderr.trim();
    expect(stderr).not.toBe('');
    expect(stderr).not.toContain('\n');
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).not.toContain('definitely not a url');
    expect(result.stdout).toBe('');
  }, 30_000);

  it('exits 1 with one stderr line naming LOG_LEVEL for an unknown level', async () => {
    const result = await runMain(freshDir('bad-level'), { LOG_LEVEL: 'loud' });
    expect(result.code).toBe(1);
    const stderr = result.stderr.trim();
    expect(stderr).not.toContain('\n');
    expect(stderr).toContain('LOG_LEVEL');
    expect(result.stdout).toBe('');
  }, 30_000);
});

describe('entry point on an embedded data directory', () => {
  // Shared by the tests below, which run in order: the second reuses the first's database.
  let dataDir: string;

  it('starts, answers /healthz, refuses a second process on the same data dir, and stops cleanly on SIGTERM', async () => {
    const cwd = freshDir('happy');
    dataDir = join(cwd, 'data');
    const vars = { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' };
    const lockFile = join(dataDir, 'companion.lock');

    const first = startMain(cwd, vars);
    const port = await waitUntilReady(first);
    expect(port).toBeGreaterThan(0);
    expect(first.stdout()).toContain(`the embedded database in ${dataDir}`);
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(first.child.pid));

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up' });

    const second = await runMain(cwd, vars);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    const secondLines = second.stderr.trim().split('\n');
    expect(secondLines).toHaveLength(1);
    expect(secondLines[0]).toMatch(/embedded database in .* is in use by another process/);
    expect(secondLines[0]).toContain(`pid ${first.child.pid}`);
    // The refused process leaves the running one and its lock alone.
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(first.child.pid));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    first.child.kill('SIGTERM');
    const exit = await within(first.exited, 20_000, 'the companion to stop after SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    const logs = pinoLines(first.stderr());
    expect(logs.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
    expect(logs.some((l) => l.msg === 'stopped')).toBe(true);
    expect(existsSync(lockFile)).toBe(false);
  }, SLOW);

  it('refuses to start, in one stderr line, when an applied migration was changed', async () => {
    expect(dataDir, 'needs the data directory of the previous test').toBeDefined();
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(true);

    const db = await openDatabase({ kind: 'pglite', dataDir });
    let changed: Array<{ migration_name: string }>;
    try {
      changed = await db.session((s) =>
        s.query<{ migration_name: string }>(
          `UPDATE _prisma_migrations SET checksum = repeat('0', 64)
           WHERE migration_name = (SELECT min(migration_name) FROM _prisma_migrations)
           RETURNING migration_name`,
        ),
      );
    } finally {
      await db.close();
    }
    expect(changed).toHaveLength(1);
    const migrationName = changed[0]!.migration_name;

    const result = await runMain(freshDir('changed-migration'), { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const stderr = result.stderr.trim();
    expect(stderr).not.toContain('\n');
    expect(stderr).toContain('was changed after it was applied');
    expect(stderr).toContain(migrationName);
    expect(existsSync(join(dataDir, 'companion.lock'))).toBe(false);
  }, SLOW);
});

describe('entry point start-up failures', () => {
  it('reports a data directory in use by another live process in exactly one stderr line', async () => {
    const cwd = freshDir('locked');
    const dataDir = join(cwd, 'data');
    mkdirSync(dataDir);
    // This test process is alive, so its pid makes the lock current rather than stale.
    writeFileSync(join(dataDir, 'companion.lock'), String(process.pid));

    const result = await runMain(cwd, { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const stderr = result.stderr.trim();
    expect(stderr).toContain(`is in use by another process (pid ${process.pid})`);
    expect(stderr).not.toContain('\n');
    expect(readFileSync(join(dataDir, 'companion.lock'), 'utf8')).toBe(String(process.pid));
  }, 30_000);
});

describe('console mode of npm start', () => {
  it('answers a piped script in order and exits 0 when the input ends', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'extrovertly-console-'));
    try {
      const started = startMain(cwd, { DATA_DIR: join(cwd, 'data'), PORT: '0', LOG_LEVEL: 'warn' });
      started.child.stdin!.end('journal write mood:hopeful I said hi to a neighbour\ncheckin 7\nprogress\n');
      const exit = await within(started.exited, 90_000, 'the console to finish the script');
      expect(exit.code).toBe(0);
      const out = started.stdout();
      expect(out.indexOf('Journal entry saved')).toBeGreaterThan(-1);
      expect(out.indexOf('Journal entry saved')).toBeLessThan(out.indexOf('Check-in saved'));
      expect(out.indexOf('Check-in saved')).toBeLessThan(out.indexOf('Your progress'));
      expect(out).toContain('First Steps');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});
