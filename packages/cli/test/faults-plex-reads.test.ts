import { describeMatrix } from './faults-matrix-harness.js';
import { ROUTES } from './faults-matrix-cases.js';

// The reads of a sync: server identity, sections, the library index, the playlist lookups.
describeMatrix(
  'Plex fault matrix, reads: every read of a sync × every fault',
  ROUTES.filter((r) => r.group === 'reads'),
);
