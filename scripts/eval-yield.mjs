#!/usr/bin/env node
// Measures yield: does every wanted track the user owns end up in the playlist, from every built-in source?
// Builds emulated worlds (scripts/yield/) where the truth is known: a Plex library, and Last.fm, ListenBrainz
// and custom track lists naming its recordings the way services do. Runs the real CLI
// (`harmoniq sync --all --dry-run --json`) against emulators on 127.0.0.1 and compares every candidate the
// report lists with the truth. Uses the BUILT packages: run `npx tsc -b` first.
//
//   node scripts/eval-yield.mjs [--seeds 1,2,3] [--smoke] [--json] [--quiet]
//
// Per source: wanted-and-owned (candidates the library holds), found (matched to one of its copies), wrong
// picks (matched to a track that is not that recording, owned or not).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLastfmEmulator, startListenBrainzEmulator, startPlexEmulator } from '@harmoniq/testkit';
import { makeLibrary, seededRandom } from './yield/world-library.mjs';
import { createWorldServices, customFiles, lastfmData, listenbrainzData } from './yield/world-services.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const smoke = args.includes('--smoke');
const asJson = args.includes('--json');
const quiet = args.includes('--quiet');
const seeds = (flag('--seeds') ?? (smoke ? '1' : '1,2,3')).split(',').map(Number);
const USER = 'yield-user';
const LB_TOKEN = 'yield-lb-token';

const SIZES = smoke
  ? { artists: 14, chart: 30, top: 20, loved: 20, lbRecs: 30, lbWeekly: 15, custom: 15 }
  : { artists: 45, chart: 100, top: 60, loved: 60, lbRecs: 100, lbWeekly: 50, custom: 40 };

function runCli(argv, env, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/harmoniq.js'), ...argv], { cwd, env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

async function runWorld(seed) {
  const rng = seededRandom(seed);
  const library = makeLibrary(rng, { artists: SIZES.artists });
  const services = createWorldServices(rng, library);
  const lastfm = lastfmData(rng, library, services, USER, SIZES);
  const lb = listenbrainzData(services, USER, SIZES);
  const files = customFiles(services, SIZES);
  const dir = mkdtempSync(join(tmpdir(), 'harmoniq-yield-'));
  writeFileSync(join(dir, 'list.m3u'), files.m3u);
  writeFileSync(join(dir, 'list.json'), files.json);

  // Recent plays (no randomness: the worlds stay the same) seed the sonic mix.
  const now = Math.floor(Date.now() / 1000);
  const tracks = library.plexTracks.map((t, i) => (t.viewCount ? { ...t, lastViewedAt: now - (i % 20) * 86_400 } : t));
  const plex = await startPlexEmulator({ tracks });
  const lfm = await startLastfmEmulator({ data: lastfm });
  const lbz = await startListenBrainzEmulator({ tokens: { [LB_TOKEN]: USER }, users: lb.users, recordings: lb.recordings });
  try {
    const size = '1000';
    const env = {
      PLEX_URL: plex.url,
      PLEX_TOKEN: plex.token,
      PLEX_MUSIC_LIBRARY_NAME: 'Music',
      HARMONIQ_DATA_DIR: join(dir, 'data'),
      HARMONIQ_RETRY_BASE_MS: '5',
      TIMEZONE: 'UTC',
      LASTFM_API_KEY: lfm.apiKey,
      LASTFM_API_URL: `${lfm.url}/2.0/`,
      LASTFM_USER: USER,
      ENABLE_LASTFM_CHARTS: 'true',
      PLAYLIST_SIZE_CHARTS: size,
      ENABLE_LASTFM_RECS: 'true',
      PLAYLIST_SIZE_RECS: size,
      ENABLE_LASTFM_TOP: 'true',
      PLAYLIST_SIZE_LASTFM_TOP: size,
      ENABLE_LASTFM_LOVED: 'true',
      PLAYLIST_SIZE_LASTFM_LOVED: size,
      ENABLE_LASTFM_DEEP_CUTS: 'true',
      PLAYLIST_SIZE_LASTFM_DEEP_CUTS: size,
      LASTFM_DEEP_CUTS_MAX_PLAYS: '1000',
      ENABLE_LISTENBRAINZ_RECS: 'true',
      PLAYLIST_SIZE_LISTENBRAINZ_RECS: size,
      LISTENBRAINZ_USER_TOKEN: LB_TOKEN,
      LISTENBRAINZ_API_URL: lbz.url,
      LISTENBRAINZ_MODES: 'recommendations,weekly-jams',
      ENABLE_TIME_PLAYLIST: 'true',
      PLAYLIST_SIZE_TIME: '200',
      TIME_WINDOWS: '00:00-24:00=Rock,Pop,Electronic,Jazz,Ambient,Folk,Hip-Hop,Soul',
      ENABLE_SONIC_MIX: 'true',
      PLAYLIST_SIZE_SONIC_MIX: '200',
      CUSTOM_1_FILE: join(dir, 'list.m3u'),
      PLAYLIST_SIZE_CUSTOM_1: size,
      CUSTOM_2_FILE: join(dir, 'list.json'),
      PLAYLIST_SIZE_CUSTOM_2: size,
    };
    const result = await runCli(['sync', '--all', '--dry-run', '--json'], env, dir);
    let report;
    try {
      report = JSON.parse(result.stdout);
    } catch {
      throw new Error(`world ${seed}: sync did not print a JSON report (exit ${result.code}): ${result.stderr.slice(0, 2000)}`);
    }
    return { seed, report, services, library, exitCode: result.code };
  } finally {
    await Promise.all([plex.close(), lfm.close(), lbz.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function score(world) {
  const rows = new Map();
  const row = (name) => {
    if (!rows.has(name)) rows.set(name, { source: name, candidates: 0, wantedOwned: 0, found: 0, wrong: 0, unknown: 0, failed: undefined, misses: [], wrongs: [] });
    return rows.get(name);
  };
  for (const source of world.report.sources ?? []) {
    const r = row(source.source);
    if (!source.ok) r.failed = source.error?.message ?? 'failed';
    for (const playlist of source.playlists ?? []) {
      for (const c of playlist.candidates ?? []) {
        r.candidates += 1;
        const keys = world.services.lookup(c.artist, c.title, c.album);
        const matched = c.status === 'matched';
        if (keys === undefined) {
          // Library picks (daily-flow) carry the track's own ratingKey: owned by construction.
          if (matched && c.via === 'rating-key') {
            r.wantedOwned += 1;
            r.found += 1;
          } else {
            r.unknown += 1;
            if (process.env.YIELD_DEBUG) console.error(`unknown: ${source.source}: ${JSON.stringify(c)}`);
          }
          continue;
        }
        const show = `${c.artist} – ${c.title}${c.album ? ` [${c.album}]` : ''}`;
        if (keys.length > 0) r.wantedOwned += 1;
        if (matched && keys.includes(c.ratingKey)) r.found += 1;
        else if (matched) {
          r.wrong += 1;
          r.wrongs.push(`${show} → ratingKey ${c.ratingKey} (${c.via} ${c.score}); truth ${keys.join(',') || 'not owned'}`);
        } else if (keys.length > 0) r.misses.push(`${show}: ${c.reason}${c.best ? ` (nearest ${c.best.artist} – ${c.best.title}, ${c.best.score})` : ''}`);
      }
    }
  }
  return [...rows.values()];
}

function merge(all) {
  const byName = new Map();
  for (const rows of all) {
    for (const r of rows) {
      const m = byName.get(r.source) ?? { source: r.source, candidates: 0, wantedOwned: 0, found: 0, wrong: 0, unknown: 0, failed: undefined, misses: [], wrongs: [] };
      for (const k of ['candidates', 'wantedOwned', 'found', 'wrong', 'unknown']) m[k] += r[k];
      m.failed ??= r.failed;
      m.misses.push(...r.misses);
      m.wrongs.push(...r.wrongs);
      byName.set(r.source, m);
    }
  }
  return [...byName.values()].sort((a, b) => a.source.localeCompare(b.source));
}

const pct = (n, d) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

const worlds = [];
for (const seed of seeds) worlds.push(await runWorld(seed));
const conflicts = worlds.reduce((n, w) => n + w.services.conflicts.size, 0);
const rows = merge(worlds.map(score));
const total = rows.reduce((t, r) => ({ wantedOwned: t.wantedOwned + r.wantedOwned, found: t.found + r.found, wrong: t.wrong + r.wrong }), { wantedOwned: 0, found: 0, wrong: 0 });

if (asJson) {
  console.log(JSON.stringify({ seeds, conflicts, total, sources: rows.map(({ misses, wrongs, ...r }) => ({ ...r, misses: misses.length, wrongPicks: wrongs })) }, null, 2));
} else {
  console.log(`Yield over ${worlds.length} world(s) (seeds ${seeds.join(', ')}; ${worlds.map((w) => `${w.library.plexTracks.length} library tracks`).join(', ')})`);
  for (const r of rows) {
    const failed = r.failed ? `  FAILED: ${r.failed}` : '';
    console.log(`  ${r.source.padEnd(20)} candidates ${String(r.candidates).padStart(4)}  wanted-and-owned ${String(r.wantedOwned).padStart(4)}  found ${pct(r.found, r.wantedOwned)} (${r.found}/${r.wantedOwned})  wrong picks ${r.wrong}${r.unknown ? `  unknown ${r.unknown}` : ''}${failed}`);
  }
  console.log(`  ${'all sources'.padEnd(20)} ${' '.repeat(15)}  wanted-and-owned ${String(total.wantedOwned).padStart(4)}  found ${pct(total.found, total.wantedOwned)} (${total.found}/${total.wantedOwned})  wrong picks ${total.wrong}`);
  if (conflicts > 0) console.log(`  (${conflicts} served names had two truths and were judged by the last one)`);
  if (!quiet) {
    for (const r of rows) {
      if (r.wrongs.length) console.log(`\n${r.source}: wrong picks\n${r.wrongs.map((w) => `  ${w}`).join('\n')}`);
      if (r.misses.length) console.log(`\n${r.source}: owned but not found\n${r.misses.map((m) => `  ${m}`).join('\n')}`);
    }
  }
}
