#!/usr/bin/env node
// `node scripts/bench-boundary.mjs`: what the plugin boundary (docs/decisions/0018-plugin-boundary.md) costs one
// source. 1. One step: the same custom module (it picks 50 tracks from the library) is fetched in the run's own
// thread and in a worker thread, alternately, through the code the CLI uses (fetchDrafts; the CLI's loader).
// 2. A whole `harmoniq sync` against the Plex emulator on 127.0.0.1, alternately: those 50 tracks from the module
// (in the boundary) and from a JSON track list (a custom file, read in the run's thread); same playlist.
// Needs the built packages: `npm run build` first.
//
//   node scripts/bench-boundary.mjs [--sizes 1000,10000,100000] [--runs 7] [--sync-size 10000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createLibraryIndex, createSourceContext, DEFAULT_BOUNDARY_LIMITS, fetchDrafts } from '@harmoniq/core/pipeline';
import { customSources } from '@harmoniq/plugin-custom';
import { startPlexEmulator } from '@harmoniq/testkit';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = arg('--sizes', '1000,10000,100000').split(',').map(Number);
const runs = Number(arg('--runs', '7'));
const syncSize = Number(arg('--sync-size', '10000'));
const BIN = new URL('../bin/harmoniq.js', import.meta.url).pathname;
const LOADER = new URL('../packages/cli/dist/plugins/isolated-loader.js', import.meta.url).href;

const silent = { error() {}, warn() {}, info() {}, debug() {}, isDebug: () => false, child: () => silent };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function library(n) {
  return Array.from({ length: n }, (_, i) => ({
    ratingKey: String(1000 + i),
    title: `Song ${i}`,
    artist: `Artist ${i % 997}`,
    album: `Album ${i % 5003}`,
    durationMs: 200_000 + (i % 90_000),
    genres: [`genre ${i % 41}`],
    addedAt: 1_700_000_000_000 + i,
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'harmoniq-bench-boundary-'));
try {
  writeFileSync(
    join(dir, 'pick.mjs'),
    "export default (ctx) => ctx.library.tracks.filter((t) => t.artist === 'Artist 7').slice(0, 50).map((t) => ({ artist: t.artist, title: t.title, ids: { plexRatingKey: t.ratingKey } }));\n",
  );
  const input = { entries: [], env: { CUSTOM_1_MODULE: './pick.mjs' }, cwd: dir, baseDir: dir };
  const [source] = customSources({ ...input, importModule: (spec) => import(spec) });
  const parsed = source.parseOptions(undefined, input.env);
  if (!parsed.ok) throw new Error(`the custom source refused its options: ${JSON.stringify(parsed.errors)}`);
  const options = parsed.value;
  const common = { enabled: true, playlist: 'Bench', size: 50, minTracks: 1, updateMode: 'replace' };
  const isolated = { loader: LOADER, args: { kind: 'custom', input, importDirs: [dir], name: source.name }, label: 'the custom module ./pick.mjs', limits: DEFAULT_BOUNDARY_LIMITS };
  console.log(`| Library | In the run's thread (median of ${runs}) | In a worker thread (median of ${runs}) | Ratio |`);
  console.log('|---|---|---|---|');
  for (const n of sizes) {
    const index = createLibraryIndex(library(n));
    const inProcess = [];
    const inWorker = [];
    for (let i = 0; i < runs; i++) {
      // A fresh context each time, as each run has: the library's shared copy for workers is made once per run.
      const ctx = () => createSourceContext({ source: source.name, logger: silent, http: { request: () => Promise.reject(new Error('no requests')) }, clock: { zone: 'UTC', now: () => new Date() }, library: index, dataDir: dir, common });
      let t = performance.now();
      const a = await fetchDrafts({ source, options, common }, ctx());
      inProcess.push(performance.now() - t);
      t = performance.now();
      const b = await fetchDrafts({ source, options, common, isolated }, ctx());
      inWorker.push(performance.now() - t);
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the two runs disagree');
    }
    const [p, w] = [median(inProcess), median(inWorker)];
    console.log(`| ${n.toLocaleString('en')} tracks | ${p.toFixed(1)} ms | ${w.toFixed(1)} ms | ×${(w / p).toFixed(0)} (+${(w - p).toFixed(0)} ms) |`);
  }
  await wholeSync(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** `harmoniq sync custom-1` from the module (boundary) and from a track file (run's thread), alternately. */
async function wholeSync(dir) {
  const tracks = library(syncSize).map((t) => ({ ratingKey: t.ratingKey, title: t.title, artist: t.artist, album: t.album, durationMs: t.durationMs }));
  const picked = tracks.filter((t) => t.artist === 'Artist 7').slice(0, 50);
  writeFileSync(join(dir, 'pick.json'), JSON.stringify(picked.map((t) => ({ artist: t.artist, title: t.title }))));
  const plex = await startPlexEmulator({ tracks });
  try {
    const base = { PATH: process.env.PATH, PLEX_URL: plex.url, PLEX_TOKEN: plex.token, TIMEZONE: 'UTC', HARMONIQ_DATA_DIR: join(dir, 'data'), PLAYLIST_SIZE_CUSTOM_1: '50' };
    const time = async (extra) => {
      const started = performance.now();
      const code = await new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'sync', 'custom-1', '--dry-run'], { cwd: dir, env: { ...base, ...extra }, stdio: 'ignore' });
        child.on('error', reject);
        child.on('close', resolve);
      });
      if (code !== 0) throw new Error(`harmoniq sync exited ${code}`);
      return performance.now() - started;
    };
    // A first run lists the library and keeps its index; the timed runs all start from that warm cache.
    await time({ CUSTOM_1_FILE: './pick.json' });
    const file = [];
    const module = [];
    for (let i = 0; i < runs; i++) {
      file.push(await time({ CUSTOM_1_FILE: './pick.json' }));
      module.push(await time({ CUSTOM_1_MODULE: './pick.mjs' }));
    }
    const [f, m] = [median(file), median(module)];
    console.log(`\n| Whole \`harmoniq sync custom-1 --dry-run\`, ${syncSize.toLocaleString('en')} tracks (median of ${runs}) | Time |`);
    console.log('|---|---|');
    console.log(`| 50 tracks from a track file, in the run's thread | ${f.toFixed(0)} ms |`);
    console.log(`| the same 50 tracks from a module, in the boundary | ${m.toFixed(0)} ms |`);
    console.log(`| ratio | ×${(m / f).toFixed(2)} (+${(m - f).toFixed(0)} ms) |`);
  } finally {
    await plex.close();
  }
}
