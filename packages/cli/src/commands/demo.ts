import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { MainOptions } from '../io.js';
import { startDemoWorld, type DemoWorld } from './demo-world.js';

export interface DemoFlags {
  json?: boolean;
  serve?: boolean;
}

/**
 * `harmoniq demo`: starts the bundled Plex, Last.fm and ListenBrainz emulators on 127.0.0.1 with a sample
 * library, runs a real `sync --all` against them, prints the resulting playlists, and removes what it made.
 * `--serve` keeps the emulators running instead, for trying every command against them.
 */
export async function demoCommand(io: MainOptions, flags: DemoFlags, main: (options: MainOptions) => Promise<number>): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'harmoniq-demo-'));
  const world = await startDemoWorld();
  try {
    return flags.serve ? await servePlayground(io, world, dataDir) : await runOnce(io, world, dataDir, flags, main);
  } finally {
    await world.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function runOnce(io: MainOptions, world: DemoWorld, dataDir: string, flags: DemoFlags, main: (options: MainOptions) => Promise<number>): Promise<number> {
  // With --json, stdout carries only the report; the narration goes to stderr.
  const say = (line: string) => (flags.json ? io.stderr : io.stdout).write(`${line}\n`);
  say(`Demo: ${world.describe()}.`);
  say('Syncing every source against them (a few seconds: the recommendations keep to Last.fm\'s 5 requests a second)…\n');
  const env = { PATH: io.env.PATH, TIMEZONE: io.env.TIMEZONE ?? 'UTC', LOG_LEVEL: io.env.LOG_LEVEL ?? 'info', LOG_TIMESTAMPS: io.env.LOG_TIMESTAMPS ?? 'false', HARMONIQ_DATA_DIR: dataDir, ...world.env };
  // The data directory is removed on exit: name it as the setting it stands for, not as a path that will not exist.
  const hidePath = (text: string) => text.split(dataDir).join('$HARMONIQ_DATA_DIR');
  const stderr = new Writable({ write: (chunk: Buffer, _enc, done) => (io.stderr.write(hidePath(chunk.toString())), done()) });
  const sink = new PassThrough();
  const code = await main({ ...io, argv: ['sync', ...(flags.json ? ['--json'] : [])], env, cwd: dataDir, stdout: flags.json ? io.stdout : sink, stderr });
  if (flags.json) return code;
  sink.end();
  io.stdout.write(hidePath(await streamText(sink)));
  for (const p of world.plex.playlists()) {
    say(`\n${p.title} (${p.items.length} tracks)${p.summary ? `\n  ${p.summary}` : ''}`);
    p.items.slice(0, 10).forEach((item, i) => {
      const t = world.plex.tracks().find((x) => x.ratingKey === item.ratingKey);
      say(`  ${String(i + 1).padStart(2)}. ${t ? `${t.trackArtist ?? t.artist} – ${t.title}` : item.ratingKey}`);
    });
    if (p.items.length > 10) say(`  … and ${p.items.length - 10} more`);
  }
  say('\nThat was a real sync over HTTP against emulators. `harmoniq demo --serve` keeps them running so you can try');
  say('every command; point PLEX_URL and PLEX_TOKEN at your server to do it for real (docs/getting-started.md).');
  return code;
}

/** Prints the environment for the emulators and waits for Ctrl-C (or SIGTERM, or the injected stop signal). */
async function servePlayground(io: MainOptions, world: DemoWorld, dataDir: string): Promise<number> {
  const env = { ...world.env, HARMONIQ_DATA_DIR: dataDir, TIMEZONE: io.env.TIMEZONE ?? 'UTC' };
  const lines = [
    `Playground: ${world.describe()}.`,
    'They keep running until you press Ctrl-C. In another terminal, paste these lines, then try any command:',
    '',
    ...Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    '',
    '  harmoniq sources            harmoniq doctor            harmoniq sync --dry-run',
    '  harmoniq sync               harmoniq missing           harmoniq match "Queen" "Bohemian Rhapsody"',
    '',
    'The data directory above is a scratch folder, removed when the playground stops.',
    '',
  ];
  io.stdout.write(lines.join('\n'));
  await stopRequested(io.signal);
  io.stderr.write('Playground stopped; the emulators are closed and the scratch data removed.\n');
  return 0;
}

function stopRequested(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (signal?.aborted) done();
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A value that pastes safely into sh, bash and zsh. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

async function streamText(stream: PassThrough): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
