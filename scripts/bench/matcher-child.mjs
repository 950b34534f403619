// The matcher's throughput in a process of its own, holding what a sync's process holds when it matches: the
// library index read from the cold run's cache and the candidates. Measured inside the benchmark instead, the
// emulators' whole world (the 300k-track library the emulated Plex serves, its request logs) shares the heap, and
// every young-generation collection during matching works against it: the figure then says more about the bench's
// heap than about the matcher. Run by matcher-throughput.mjs; prints one JSON line.
//
//   node scripts/bench/matcher-child.mjs <library-index.json> <candidates.json> <minSeconds>
import { readFileSync } from 'node:fs';
import { readCachedTracks } from '@harmoniq/core/pipeline';
import { measureMatcher } from './matcher-throughput.mjs';

const [indexFile, candidatesFile, minSeconds] = process.argv.slice(2);
const tracks = await readCachedTracks(indexFile);
const candidates = JSON.parse(readFileSync(candidatesFile, 'utf8'));
const result = measureMatcher(tracks, candidates, { minSeconds: Number(minSeconds) });
process.stdout.write(`${JSON.stringify(result)}\n`);
