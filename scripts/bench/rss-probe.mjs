// Preloaded into each benchmarked child with `node --import`: when the process exits, write its own peak
// resident set size (getrusage ru_maxrss, which Node reports in KiB) to the file named by HARMONIQ_BENCH_RSS_FILE.
// The emulators run in the parent, so this is the sync's memory alone.
import { writeFileSync } from 'node:fs';

const file = process.env.HARMONIQ_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
