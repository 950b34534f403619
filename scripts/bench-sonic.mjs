#!/usr/bin/env node
// `npm run bench:sonic`: what Plex's sonic features cost. Against the emulated Plex (generated library, every track
// analysed) it runs `harmoniq sync sonic-mix` cold and warm, and Daily Flow in its usual and in sonic order, and
// counts the requests by route; for the sonic Daily Flow it also measures the mean distance between neighbours
// against random orders of the same tracks. Needs the built packages (`npm run build`).
//
//   node scripts/bench-sonic.mjs [--sizes 10000] [--json]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainOrder, distanceTable } from '@harmoniq/plugin-daily-flow';
import { generateLibrary, startPlexEmulator } from '@harmoniq/testkit';
import { plexRoute } from './bench/requests.mjs';
import { runHarmoniq } from './bench/run-child.mjs';

const WINDOWS = '00:00-24:00=Pop,Rock,Electronic,Jazz,Ambient';

function parseArgs(argv) {
  const opts = { sizes: [10_000], json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') opts.sizes = String(argv[++i]).split(',').map((s) => Number(s.replace(/_/g, '')));
    else if (argv[i] === '--json') opts.json = true;
    else throw new Error(`unknown option ${argv[i]}\nusage: node scripts/bench-sonic.mjs [--sizes 10000] [--json]`);
  }
  return opts;
}

/** One FNV-seeded mulberry32, so the random orders are the same on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, seed) {
  const r = random(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function measure(tracks, log) {
  const plex = await startPlexEmulator({ tracks: generateLibrary({ tracks, seed: 42 }) });
  const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-bench-sonic-'));
  const env = { PLEX_URL: plex.url, PLEX_TOKEN: plex.token, PLEX_MUSIC_LIBRARY_NAME: 'Music', HARMONIQ_DATA_DIR: dataDir, TIMEZONE: 'UTC' };
  const run = async (label, args, extra) => {
    plex.resetRequests();
    const r = await runHarmoniq(args, { ...env, ...extra }, dataDir);
    if (r.code !== 0) throw new Error(`${label} exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
    const byRoute = {};
    for (const req of plex.requests) byRoute[plexRoute(req)] = (byRoute[plexRoute(req)] ?? 0) + 1;
    const nearest = plex.requests.filter((q) => q.path.endsWith('/nearest')).length;
    const row = { label, ms: Math.round(r.ms), plex: plex.requests.length, nearest, byRoute };
    log(`${tracks} tracks, ${label}: ${row.plex} Plex requests (${nearest} nearest), ${row.ms} ms`);
    return row;
  };
  try {
    const mix = { ENABLE_SONIC_MIX: 'true' };
    const flow = { ENABLE_TIME_PLAYLIST: 'true', TIME_WINDOWS: WINDOWS };
    const rows = [
      await run('sonic-mix, cold (index built)', ['sync', 'sonic-mix'], mix),
      await run('sonic-mix, warm', ['sync', 'sonic-mix'], mix),
      await run('daily-flow, usual order, warm', ['sync', 'daily-flow'], flow),
      await run('daily-flow, sonic order, warm', ['sync', 'daily-flow'], { ...flow, TIME_PLAYLIST_ORDER: 'sonic' }),
    ];
    const keys = plex.playlist('Daily Flow')?.items.map((i) => i.ratingKey) ?? [];
    const mean = (order) => order.slice(1).reduce((s, k, i) => s + plex.sonicDistance(order[i], k), 0) / Math.max(1, order.length - 1);
    const sonic = mean(keys);
    const randoms = Array.from({ length: 200 }, (_, i) => mean(shuffle(keys, i + 1)));
    const randomMean = randoms.reduce((s, x) => s + x, 0) / randoms.length;
    // The same chain with every pair's true distance known: how much the 200-neighbour answers leave on the table.
    const all = new Map(keys.map((a) => [a, keys.filter((b) => b !== a).map((b) => ({ track: { ratingKey: b, artist: '', title: '' }, distance: plex.sonicDistance(a, b) }))]));
    const oracle = mean(chainOrder(keys, distanceTable(all)));
    const ordering = { tracks: keys.length, sonic_mean: round(sonic), random_mean: round(randomMean), ratio: round(sonic / randomMean), all_pairs_known_mean: round(oracle) };
    log(`${tracks} tracks, Daily Flow sonic order: mean neighbour distance ${ordering.sonic_mean} vs ${ordering.random_mean} random (ratio ${ordering.ratio}); ${ordering.all_pairs_known_mean} with every pair known`);
    return { tracks, rows, ordering };
  } finally {
    await plex.close();
  }
}

const round = (x) => Math.round(x * 1000) / 1000;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = (line) => process.stderr.write(`${line}\n`);
  const results = [];
  for (const n of opts.sizes) results.push(await measure(n, log));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ benchmark: 'harmoniq-sonic', format: 1, date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
    return;
  }
  for (const r of results) {
    process.stdout.write(`\n${r.tracks} tracks\n| run | Plex requests | of them nearest | time |\n|---|---|---|---|\n`);
    for (const row of r.rows) process.stdout.write(`| ${row.label} | ${row.plex} | ${row.nearest} | ${row.ms} ms |\n`);
    process.stdout.write(
      `Daily Flow sonic order (${r.ordering.tracks} tracks): mean neighbour distance ${r.ordering.sonic_mean} vs ${r.ordering.random_mean} for random orders, ` +
        `ratio ${r.ordering.ratio}; ${r.ordering.all_pairs_known_mean} if every pair's distance were known\n`,
    );
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
