import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from './cli-harness.js';

/** One line of `LOG_FORMAT=json` output. */
export interface LogLine {
  level: string;
  message: string;
  label?: string;
  [key: string]: unknown;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedCli {
  child: ChildProcess;
  /** Every stderr line so far, parsed (a line that is not JSON becomes `{ level: 'raw', message }`). */
  lines(): LogLine[];
  stderr(): string;
  stdout(): string;
  /** Resolves with the matching lines once `count` lines match; rejects on timeout or when the process exits first. */
  waitFor(match: RegExp | ((line: LogLine) => boolean), options?: { count?: number; timeoutMs?: number }): Promise<LogLine[]>;
  exited: Promise<Exit>;
}

/** Generous: a loaded 2-core machine can be slow to start node and run a sync; tests never assert timing. */
export const WAIT_MS = 20_000;

/** Spawns the built bin with `LOG_FORMAT=json`, so tests read stderr as one JSON object per line. */
export function spawnHarmoniq(args: string[], env: Record<string, string | undefined>, cwd: string): SpawnedCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, LOG_FORMAT: 'json', ...env } as NodeJS.ProcessEnv,
  });
  let err = '';
  let out = '';
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    notify();
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
      notify();
    }),
  );
  const lines = () => parseLines(err);
  return {
    child,
    lines,
    stderr: () => err,
    stdout: () => out,
    exited,
    waitFor(match, options = {}) {
      const count = options.count ?? 1;
      const test = typeof match === 'function' ? match : (l: LogLine) => match.test(l.message);
      const what = typeof match === 'function' ? 'a matching line' : String(match);
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines().filter(test);
          if (found.length >= count) return done(() => resolve(found));
          if (exit) return done(() => reject(new Error(`harmoniq exited (${exit!.code ?? exit!.signal}) before ${count}× ${what}.\n${tail(err)}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`Timed out waiting for ${count}× ${what}.\n${tail(err)}`))), options.timeoutMs ?? WAIT_MS);
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Polls `check` until it holds; for state outside the child (emulator requests, files). */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting until ${what}.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function lockPath(dataDir: string): string {
  return join(dataDir, 'harmoniq.lock');
}

export const lockHeld = (dataDir: string) => existsSync(lockPath(dataDir));

/** Kills what a test left running, so a failed assertion never leaves a daemon behind. */
export function killAll(procs: SpawnedCli[]): void {
  for (const p of procs.splice(0)) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
}

function parseLines(text: string): LogLine[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      try {
        const v = JSON.parse(l) as unknown;
        if (v && typeof v === 'object' && typeof (v as LogLine).message === 'string') return v as LogLine;
      } catch {
        // not JSON: kept as raw so a test can assert there are none
      }
      return { level: 'raw', message: l };
    });
}

function tail(text: string): string {
  return `Last stderr lines:\n${text.trim().split('\n').slice(-15).join('\n')}`;
}
