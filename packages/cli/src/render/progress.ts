import type { IndexProgress } from '@harmoniq/core/pipeline';
import type { Runtime } from '../runtime.js';

/** Progress of a long index build, on a terminal only (a log file gets the single INFO lines). */
export function progressReporter(rt: Runtime): ((p: IndexProgress) => void) | undefined {
  const stream = rt.io.stderr as NodeJS.WriteStream;
  if (!stream.isTTY || rt.config.logFormat === 'json') return undefined;
  return (p) => {
    stream.write(`\rIndexing tracks: ${p.done}/${p.total}${p.done >= p.total ? '\n' : ''}`);
  };
}
