#!/usr/bin/env node
// Measures the matcher on labelled pairs (../shared/matching/dev-pairs.jsonl by default, or --pairs <file>).
// Uses the BUILT @harmoniq/core: run `npx tsc -b` first.
//   (a) isolated: each pair on its own (the library holds only that pair's library side);
//   (b) pooled: every library side in one library, each query matched against all of them. A match to
//       another pair's track is wrong unless some pair labels that (query, track) the same recording.
// Prints precision and recall overall, by source and by category, and lists every error with its id.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMatcher } from '@harmoniq/core/pipeline';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
// The brief sits next to the checkout (../shared), or two levels up from a git worktree kept in a sibling folder.
const defaultPairs = ['../shared', '../../shared']
  .map((dir) => resolve(repoRoot, dir, 'matching/dev-pairs.jsonl'))
  .find((file) => existsSync(file)) ?? resolve(repoRoot, '../shared/matching/dev-pairs.jsonl');
const pairsFile = resolve(flag('--pairs') ?? defaultPairs);
const quiet = args.includes('--quiet');

const pairs = readFileSync(pairsFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

const str = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
function candidateOf(side) {
  const c = { artist: str(side.artist) ?? '', title: str(side.title) ?? '' };
  if (str(side.album)) c.album = side.album;
  if (num(side.durationMs)) c.durationMs = side.durationMs;
  return c;
}
function trackOf(side, ratingKey) {
  const t = { ratingKey, artist: str(side.artist) ?? '', title: str(side.title) ?? '' };
  if (str(side.albumArtist)) t.albumArtist = side.albumArtist;
  if (str(side.album)) t.album = side.album;
  if (num(side.durationMs)) t.durationMs = side.durationMs;
  return t;
}
const sideKey = (side) => JSON.stringify([side.artist ?? '', side.title ?? '', side.album ?? '']);
const sourceOf = (p) => String(p.source ?? 'unknown').split(':')[0];
const weak = (p) => Boolean(p.suspect_label || p.ambiguous);

// Which sides are one recording, by label: labelled-same pairs joined transitively, plus sides that are
// character for character the same once case, punctuation and the order of bracketed parts are ignored.
const parent = new Map();
const find = (k) => {
  while (parent.has(k) && parent.get(k) !== k) k = parent.get(k);
  return k;
};
const union = (a, b) => {
  const ra = find(a);
  const rb = find(b);
  if (ra !== rb) parent.set(ra, rb);
};
// Bracketed parts in another order ("Song (X Mix) [feat. Y]" / "Song (feat. Y) [X Mix]") are the same text.
const plain = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const identity = (side) => {
  const title = side.title ?? '';
  const groups = [...title.matchAll(/[([]([^)\]]*)[)\]]/g)].map((m) => plain(m[1])).sort();
  return `${plain(side.artist ?? '')}|${plain(title.replace(/[([][^)\]]*[)\]]/g, ' '))}|${groups.join('|')}`;
};
for (const p of pairs) {
  for (const side of [p.query, p.library]) union(sideKey(side), `id:${identity(side)}`);
  if (p.same) union(sideKey(p.query), sideKey(p.library));
}
const sameRecording = (a, b) => find(sideKey(a)) === find(sideKey(b));
// Pairs labelled different: a pooled match that contradicts one of them is a known wrong match.
const different = new Set(pairs.filter((p) => !p.same).map((p) => `${find(sideKey(p.query))}>${find(sideKey(p.library))}`));
const contradicts = (q, l) => different.has(`${find(sideKey(q))}>${find(sideKey(l))}`);

let contradictsOf = () => true;
function outcome(p, result, correctTrack) {
  const matched = result.status === 'matched';
  const correct = matched && correctTrack(result.track);
  const known = matched && !correct && contradictsOf(p, result.track);
  return { p, result, matched, correct, known, tp: p.same && correct, falseMatch: matched && !correct, miss: p.same && !correct };
}

function runIsolated() {
  return pairs.map((p) => {
    const matcher = createMatcher([trackOf(p.library, p.id)]);
    contradictsOf = () => true;
    return outcome(p, matcher.match(candidateOf(p.query)), () => p.same);
  });
}

function runPooled() {
  const tracks = pairs.map((p) => trackOf(p.library, p.id));
  const sideById = new Map(pairs.map((p) => [p.id, p.library]));
  const matcher = createMatcher(tracks);
  contradictsOf = (p, track) => contradicts(p.query, sideById.get(track.ratingKey));
  return pairs.map((p) =>
    outcome(p, matcher.match(candidateOf(p.query)), (track) => sameRecording(p.query, sideById.get(track.ratingKey))),
  );
}

const pct = (n, d) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
function summarise(rows) {
  const matches = rows.filter((r) => r.matched).length;
  const correct = rows.filter((r) => r.correct).length;
  const positives = rows.filter((r) => r.p.same).length;
  const tp = rows.filter((r) => r.tp).length;
  const known = rows.filter((r) => r.known).length;
  return { pairs: rows.length, positives, matches, correct, tp, known, falseMatches: matches - correct, misses: positives - tp };
}
function line(label, s) {
  return `  ${label.padEnd(44)} pairs ${String(s.pairs).padStart(4)}  pos ${String(s.positives).padStart(3)}  precision ${pct(s.correct, s.matches)} (${s.correct}/${s.matches})  recall ${pct(s.tp, s.positives)} (${s.tp}/${s.positives})`;
}
function groupBy(rows, keysOf) {
  const groups = new Map();
  for (const r of rows) for (const k of keysOf(r.p)) groups.set(k, [...(groups.get(k) ?? []), r]);
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
}
const show = (side) => `${side.artist} – ${side.title}${side.album ? ` [${side.album}]` : ''}`;
const showTrack = (t) => `${t.artist} – ${t.title}${t.album ? ` [${t.album}]` : ''}`;

function report(name, rows, seconds) {
  console.log(`\n== ${name} (${rows.length} pairs, ${seconds.toFixed(2)} s)`);
  console.log(line('overall', summarise(rows)));
  console.log(line('overall without suspect/ambiguous labels', summarise(rows.filter((r) => !weak(r.p)))));
  console.log(' by source:');
  for (const [k, g] of groupBy(rows, (p) => [sourceOf(p)])) console.log(line(k.slice(0, 44), summarise(g)));
  console.log(' by category:');
  for (const [k, g] of groupBy(rows, (p) => p.categories ?? [])) console.log(line(k, summarise(g)));
  const falseMatches = rows.filter((r) => r.falseMatch);
  const misses = rows.filter((r) => r.miss);
  const s = summarise(rows);
  console.log(`  matches contradicting a label: ${s.known}; unlabelled matches (no label either way): ${s.falseMatches - s.known}`);
  console.log(` false matches (${falseMatches.length}):`);
  for (const r of falseMatches) {
    const flags = ['suspect_label', 'ambiguous', 'noisy_encoding'].filter((f) => r.p[f]).join(',');
    const kind = r.known ? 'contradicts a label' : 'unlabelled';
    console.log(`  ${r.p.id} [${kind}]${flags ? ` (${flags})` : ''}: ${show(r.p.query)}\n      → ${showTrack(r.result.track)} via ${r.result.via} ${r.result.score.toFixed(3)}`);
  }
  console.log(` misses (${misses.length}):`);
  for (const r of misses) {
    const res = r.result;
    const why = res.status === 'matched' ? `matched another track: ${showTrack(res.track)}` : `${res.reason}${res.best ? `: ${res.best.why}` : ''}`;
    console.log(`  ${r.p.id}: ${show(r.p.query)}\n      want ${show(r.p.library)}\n      ${why}`);
  }
  return summarise(rows);
}

const t0 = performance.now();
const isolated = runIsolated();
const t1 = performance.now();
const pooled = runPooled();
const t2 = performance.now();
console.log(`Pairs: ${pairsFile}`);
if (quiet) {
  console.log(line('isolated', summarise(isolated)));
  console.log(line('pooled', summarise(pooled)));
} else {
  report('isolated: each pair on its own', isolated, (t1 - t0) / 1000);
  report('pooled: one library of every library side', pooled, (t2 - t1) / 1000);
}
