#!/usr/bin/env node
// `npm run bench:household`: what household users cost. Against the emulated Plex (generated library), plex.tv and
// Last.fm, it runs `harmoniq sync lastfm-charts` cold and warm for the owner alone and with 1 and 5 household users,
// and counts the requests: Plex by account, plex.tv, Last.fm. Needs the built packages (`npm run build`).
//
//   node scripts/bench-household.mjs [--tracks 10000] [--json]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLibrary, sampleLastfmData, startLastfmEmulator, startPlexEmulator, startPlexTvEmulator } from '@harmoniq/testkit';
import { runHarmoniq } from './bench/run-child.mjs';

function parseArgs(argv) {
  const opts = { tracks: 10_000, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tracks') opts.tracks = Number(String(argv[++i]).replace(/_/g, ''));
    else if (argv[i] === '--json') opts.json = true;
    else throw new Error(`unknown option ${argv[i]}\nusage: node scripts/bench-household.mjs [--tracks 10000] [--json]`);
  }
  return opts;
}

const USERS = Array.from({ length: 5 }, (_, i) => ({ id: 2001 + i, title: `User ${i + 1}`, username: `user${i + 1}`, serverToken: `bench-user-${i + 1}-token` }));

async function measure(tracks, users, log) {
  const plex = await startPlexEmulator({
    tracks: generateLibrary({ tracks, seed: 42 }),
    accounts: USERS.map((u) => ({ name: u.username, token: u.serverToken })),
  });
  const tv = await startPlexTvEmulator({ machineIdentifier: plex.machineIdentifier, ownerToken: plex.token, users: USERS });
  const library = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title, album: t.album }));
  const lastfm = await startLastfmEmulator({ data: sampleLastfmData(library) });
  const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-bench-household-'));
  const env = {
    PLEX_URL: plex.url,
    PLEX_TOKEN: plex.token,
    PLEX_TV_URL: tv.url,
    LASTFM_API_KEY: lastfm.apiKey,
    LASTFM_API_URL: `${lastfm.url}/2.0/`,
    ENABLE_LASTFM_CHARTS: 'true',
    HARMONIQ_DATA_DIR: dataDir,
    TIMEZONE: 'UTC',
    ...(users > 0 ? { PLEX_USERS: USERS.slice(0, users).map((u) => u.username).join(',') } : {}),
  };
  const run = async (label) => {
    for (const e of [plex, tv, lastfm]) e.resetRequests();
    const r = await runHarmoniq(['sync', 'lastfm-charts'], env, dataDir);
    if (r.code !== 0) throw new Error(`${label} exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
    const owner = plex.requests.filter((q) => q.headers['x-plex-token'] === plex.token).length;
    const row = { label, users, ms: Math.round(r.ms), plexOwner: owner, plexUsers: plex.requests.length - owner, plexTv: tv.requests.length, lastfm: lastfm.requests.length, peakRssMb: r.peakRssMb };
    log(`${tracks} tracks, ${users} users, ${label}: Plex ${row.plexOwner} (owner) + ${row.plexUsers} (users), plex.tv ${row.plexTv}, Last.fm ${row.lastfm}, ${row.ms} ms`);
    return row;
  };
  try {
    return [await run('cold'), await run('warm')];
  } finally {
    await Promise.all([plex.close(), tv.close(), lastfm.close()]);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = (line) => process.stderr.write(`${line}\n`);
  const rows = [];
  for (const users of [0, 1, 5]) rows.push(...(await measure(opts.tracks, users, log)));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ benchmark: 'harmoniq-household', format: 1, date: new Date().toISOString(), node: process.version, tracks: opts.tracks, rows }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`\n${opts.tracks} tracks, sync lastfm-charts\n| users | run | Plex (owner) | Plex (users) | plex.tv | Last.fm | time |\n|---|---|---|---|---|---|---|\n`);
  for (const r of rows) process.stdout.write(`| ${r.users} | ${r.label} | ${r.plexOwner} | ${r.plexUsers} | ${r.plexTv} | ${r.lastfm} | ${r.ms} ms |\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
