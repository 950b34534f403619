// Preloaded into each benchmarked child with `node --import`: when the process exits, write its own peak
// resident set size in KiB to the file named by HARMONIQ_BENCH_RSS_FILE. The emulators run in the parent, so this
// must be the sync's memory alone.
//
// On Linux that is VmHWM of /proc/self/status (the high-water mark of this process image), not getrusage's
// ru_maxrss: the kernel carries the pre-exec image's peak into ru_maxrss, and a spawned child is forked from the
// benchmark before exec, so ru_maxrss reported the benchmark's own size (a bare `node -e ''` spawned by a 1 GB
// parent read 816 MB). Elsewhere ru_maxrss is the fallback.
import { readFileSync, writeFileSync } from 'node:fs';

function ownPeakKib() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // Not Linux: no /proc.
  }
  return process.resourceUsage().maxRSS;
}

const file = process.env.HARMONIQ_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(ownPeakKib()));
  });
}
