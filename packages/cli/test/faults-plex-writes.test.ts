import { describeMatrix } from './faults-matrix-harness.js';
import { ROUTES } from './faults-matrix-cases.js';

// The writes of a sync (create, add, remove, move, summary) and the re-read that guards the removals.
describeMatrix(
  'Plex fault matrix, writes: every write of a sync × every fault',
  ROUTES.filter((r) => r.group === 'writes'),
);
