// Draws the sample covers shown in docs/playlists.md (run after `npm run build`): one per built-in source, as
// Harmoniq would upload them for the default titles, saved as JPEG to keep the repository small.
import { writeFileSync } from 'node:fs';
import { renderCover } from '@harmoniq/covers';

const samples = [
  { file: 'lastfm-recs', title: 'Last.fm Discovery', source: 'lastfm-recs' },
  { file: 'lastfm-charts', title: 'Global Top 50', source: 'lastfm-charts' },
  { file: 'daily-flow-morning', title: 'Daily Flow', source: 'daily-flow', variant: '06:00-11:00' },
  { file: 'daily-flow-night', title: 'Daily Flow', source: 'daily-flow', variant: '21:00-02:00' },
  { file: 'listenbrainz', title: 'ListenBrainz Weekly Exploration', source: 'listenbrainz' },
  { file: 'custom', title: 'Friday Night Kitchen', source: 'custom' },
];

const dir = new URL('../docs/images/covers/', import.meta.url);
for (const { file, ...spec } of samples) {
  const cover = await renderCover({ ...spec, format: 'jpeg' });
  writeFileSync(new URL(`${file}.jpg`, dir), cover.bytes);
  console.log(`docs/images/covers/${file}.jpg  ${cover.width}x${cover.height}  ${cover.bytes.length} bytes`);
}
