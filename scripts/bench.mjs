#!/usr/bin/env node
// `npm run bench`: how many requests Harmoniq sends and how fast it matches, against emulated Plex, Last.fm
// and ListenBrainz on 127.0.0.1, side by side with the per-track search that other tools do.
// Needs the built packages: `npm run build` first. docs/performance.md explains the method and the figures.
//
//   node scripts/bench.mjs [--sizes 10000,100000,300000] [--huge] [--json] [--out <file>]
//                          [--sources a,b] [--match-seconds 3] [--smoke]
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { SOURCE_ENV } from './bench/emulators.mjs';
import { checkTargets, renderTable } from './bench/report.mjs';
import { runHarmoniq, runNode } from './bench/run-child.mjs';
import { measureSize } from './bench/scenario.mjs';

const USAGE = `usage: node scripts/bench.mjs [--sizes 10000,100000,300000] [--large] [--huge] [--json] [--out <file>] [--sources a,b] [--match-seconds N] [--smoke]`;
/** The cheap sources: one or two requests each, so a smoke run is not paced by Last.fm's 5 requests a second. */
const SMOKE_SOURCES = ['lastfm-charts', 'daily-flow', 'listenbrainz'];

function parseArgs(argv) {
  const opts = { sizes: [10_000, 100_000, 300_000], json: false, out: undefined, sources: Object.keys(SOURCE_ENV), matchSeconds: 3, helpRuns: 7 };
  let large = false;
  let huge = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--sizes') opts.sizes = value().split(',').map((s) => Number(s.replace(/_/g, '')));
    else if (a === '--large') large = true;
    else if (a === '--huge') huge = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--out') opts.out = value();
    else if (a === '--sources') opts.sources = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--match-seconds') opts.matchSeconds = Number(value());
    else if (a === '--smoke') Object.assign(opts, { sizes: [1000], sources: SMOKE_SOURCES, matchSeconds: 0.2, helpRuns: 1 });
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  // --large: the 300k library (now in the default sizes); --huge: a 1,000,000-track archive as well (minutes, GBs).
  if (large && !opts.sizes.includes(300_000)) opts.sizes.push(300_000);
  if (huge && !opts.sizes.includes(1_000_000)) opts.sizes.push(1_000_000);
  if (opts.sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`--sizes takes whole numbers >= 100\n${USAGE}`);
  for (const s of opts.sources) if (!(s in SOURCE_ENV)) throw new Error(`unknown source ${s} (known: ${Object.keys(SOURCE_ENV).join(', ')})`);
  return opts;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `harmoniq --help` and, interleaved, a bare `node -e ''`: the difference is what Harmoniq adds to start-up. */
async function helpTime(runs) {
  const help = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    const r = await runHarmoniq(['--help'], {}, process.cwd());
    if (r.code !== 0) throw new Error(`harmoniq --help exited ${r.code}: ${r.stderr}`);
    help.push(r.ms);
    bare.push((await runNode(['-e', ''], {}, process.cwd())).ms);
  }
  return { help_ms: Math.round(median(help)), node_ms: Math.round(median(bare)) };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // Progress goes to stderr so `--json` output stays one document on stdout.
  const log = (line) => process.stderr.write(`${line}\n`);
  const { help_ms, node_ms } = await helpTime(opts.helpRuns);
  log(`harmoniq --help: ${help_ms} ms (node -e '': ${node_ms} ms)`);
  const results = [];
  for (const tracks of opts.sizes) results.push(await measureSize({ tracks, sources: opts.sources, matchSeconds: opts.matchSeconds, log }));
  const main = results.find((r) => r.tracks === 100_000) ?? results[results.length - 1];
  const cpu = cpus();
  const doc = {
    benchmark: 'harmoniq',
    format: 1,
    date: new Date().toISOString(),
    machine: { cpu: cpu[0]?.model ?? 'unknown', cpus: cpu.length, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
    sources: opts.sources,
    help_ms,
    node_ms,
    help_overhead_ms: help_ms - node_ms,
    help_runs: opts.helpRuns,
    results,
    targets: checkTargets(main, help_ms, node_ms, results),
  };
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  if (opts.out) writeFileSync(opts.out, json);
  if (opts.json) process.stdout.write(json);
  else {
    process.stdout.write(`\n${renderTable(results, doc)}\nTargets (${main.tracks.toLocaleString('en-US')} tracks):\n`);
    for (const t of doc.targets) process.stdout.write(`  ${t.met ? 'met   ' : 'MISSED'} ${t.name}: ${t.measured} (${t.target})\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
