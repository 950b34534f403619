import { describe, expect, it } from '@jest/globals';
import { emptyMissingReport, mergeMissing, missingToCsv, missingToLidarr, type CandidateReport, type SyncReport } from '@harmoniq/core/pipeline';

const ARTIST_MBID = '0383dadf-2a4e-4d10-a46a-e9e041da8eb3';

function run(at: string, source: string, candidates: Partial<CandidateReport>[]): SyncReport {
  return {
    startedAt: at,
    finishedAt: at,
    durationMs: 1,
    dryRun: false,
    ok: true,
    exitCode: 0,
    sources: [
      {
        source,
        ok: true,
        warnings: [],
        durationMs: 1,
        playlists: [
          {
            key: 'default',
            title: `${source} list`,
            action: 'updated',
            counts: { candidates: candidates.length, found: 0, missing: 0, added: 0, removed: 0, kept: 0, size: 0 },
            durationMs: 1,
            candidates: candidates.map((c) => ({ artist: 'A', title: 'T', status: 'unmatched', reason: 'not-found', used: false, ...c }) as CandidateReport),
          },
        ],
      },
    ],
  };
}

describe('missing-tracks report', () => {
  it('records each missing track once with who wanted it, when, and the nearest miss', () => {
    const report = mergeMissing(emptyMissingReport(), run('2026-01-01T00:00:00Z', 'lastfm-charts', [
      { artist: 'Röyksopp', title: 'Eple', reason: 'below-threshold', best: { artist: 'Royksopp', title: 'Eple (Live)', ratingKey: '7', score: 0.8 } },
    ]));
    expect(report.tracks).toEqual([
      expect.objectContaining({
        artist: 'Röyksopp',
        title: 'Eple',
        wantedBy: [{ source: 'lastfm-charts', playlist: 'lastfm-charts list' }],
        timesWanted: 1,
        firstSeen: '2026-01-01T00:00:00Z',
        reason: 'below-threshold',
        nearestMiss: expect.objectContaining({ ratingKey: '7' }),
      }),
    ]);
  });

  it('merges across runs and sources instead of overwriting, counting runs', () => {
    const first = mergeMissing(emptyMissingReport(), run('2026-01-01T00:00:00Z', 'lastfm-charts', [{ artist: 'Adele', title: 'Hello' }]));
    const second = mergeMissing(first, run('2026-01-02T00:00:00Z', 'listenbrainz', [{ artist: 'ADELE', title: 'hello!' }]));
    expect(second.tracks).toHaveLength(1);
    expect(second.tracks[0]).toMatchObject({ timesWanted: 2, firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-02T00:00:00Z' });
    expect(second.tracks[0]!.wantedBy.map((w) => w.source)).toEqual(['lastfm-charts', 'listenbrainz']);
  });

  it('drops a track once it is found', () => {
    const first = mergeMissing(emptyMissingReport(), run('2026-01-01T00:00:00Z', 'x', [{ artist: 'Adele', title: 'Hello' }, { artist: 'Sia', title: 'Chandelier' }]));
    const second = mergeMissing(first, run('2026-01-02T00:00:00Z', 'x', [{ artist: 'Adele', title: 'Hello', status: 'matched', ratingKey: '1', reason: undefined }]));
    expect(second.tracks.map((t) => t.title)).toEqual(['Chandelier']);
  });

  it('writes CSV that spreadsheets read safely', () => {
    const report = mergeMissing(emptyMissingReport(), run('2026-01-01T00:00:00Z', 'x', [{ artist: 'Simon, Garfunkel', title: '=cmd "quoted"' }]));
    const csv = missingToCsv(report);
    expect(csv.split('\r\n')[0]).toMatch(/^artist,title,album,reason/);
    expect(csv).toContain('"Simon, Garfunkel","\'=cmd ""quoted"""');
  });

  it('lists artist MBIDs for Lidarr once each, only for tracks that are really not in the library', () => {
    const report = mergeMissing(emptyMissingReport(), run('2026-01-01T00:00:00Z', 'x', [
      { artist: 'A', title: 'One', artistMbids: [ARTIST_MBID] },
      { artist: 'A', title: 'Two', artistMbids: [ARTIST_MBID] },
      { artist: 'B', title: 'Three', artistMbids: ['11111111-2222-3333-4444-555555555555'], reason: 'below-threshold' },
      { artist: 'C', title: 'Four', artistMbids: ['not-an-mbid'] },
    ]));
    expect(missingToLidarr(report)).toEqual([{ MusicBrainzId: ARTIST_MBID }]);
  });
});
