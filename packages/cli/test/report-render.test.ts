import { describe, expect, it } from '@jest/globals';
import { appendRun, emptyHistory, emptyMissingReport, type CandidateReport, type MissingReport, type SyncReport } from '@harmoniq/core/pipeline';
import { renderReport } from '../src/report/render-report.js';
import type { ReportInput } from '../src/report/report-input.js';

const EVIL = `<script>alert("x")</script><img src=x onerror=alert(1)>'&`;

const candidate = (artist: string, title: string, extra: Partial<CandidateReport> = {}): CandidateReport => ({ artist, title, status: 'matched', ratingKey: title, used: true, ...extra });

function sync(at: string, ok: boolean, candidates: CandidateReport[], title = 'Global Top 50'): SyncReport {
  return {
    startedAt: at,
    finishedAt: at,
    durationMs: 1200,
    dryRun: false,
    ok,
    exitCode: ok ? 0 : 1,
    sources: [
      {
        source: 'lastfm-charts',
        ok,
        ...(ok ? {} : { error: { code: 'ELASTFMKEY', message: `Last.fm refused the API key ${EVIL}` } }),
        warnings: [],
        durationMs: 900,
        playlists: ok
          ? [{ key: 'default', title, ratingKey: '9', action: 'updated', counts: { candidates: candidates.length, found: 2, missing: 1, added: 0, removed: 0, kept: 0, size: 2 }, durationMs: 5, candidates }]
          : [],
      },
    ],
  };
}

function input(history = emptyHistory(), missing: MissingReport = emptyMissingReport(), extra: Partial<ReportInput> = {}): ReportInput {
  return {
    now: new Date('2026-03-02T12:00:00Z'),
    zone: 'Europe/Berlin',
    version: '9.9.9',
    history,
    missing,
    sources: [{ source: 'lastfm-charts', at: '2026-03-02T10:00:00Z', ok: false, error: { code: 'ELASTFMKEY', message: 'bad key' } }],
    lidarr: { path: '/data/lidarr-import.json', href: 'lidarr-import.json', artists: 3 },
    covers: {},
    ...extra,
  };
}

const limits = { maxRuns: 200, maxDays: 30 };
const facts = { trigger: 'every 60 min', requests: { plex: 4, total: 7 } };

describe('the HTML report (pure rendering)', () => {
  const miss = candidate('Röyksopp', 'Eple', { status: 'unmatched', used: false, reason: 'below-threshold', best: { artist: 'Royksopp', title: 'Eple (Live)', ratingKey: '7', score: 0.81 } });
  const first = appendRun(emptyHistory(), sync('2026-03-01T10:00:00Z', true, [candidate('Björk', 'Jóga'), candidate(EVIL, EVIL), miss]), facts, limits);
  const history = appendRun(first, sync('2026-03-02T10:00:00Z', false, []), facts, limits);
  const missing: MissingReport = {
    version: 1,
    updatedAt: '2026-03-02T10:00:00Z',
    tracks: [
      { artist: 'Once', title: 'Wanted', wantedBy: [{ source: 'lastfm-charts', playlist: 'Global Top 50' }], timesWanted: 1, firstSeen: 'a', lastSeen: 'b', reason: 'not-found' },
      { artist: EVIL, title: 'Often wanted', wantedBy: [{ source: 'lastfm-charts', playlist: 'Global Top 50' }], timesWanted: 5, firstSeen: 'a', lastSeen: 'b', reason: 'not-found' },
    ],
  };
  const page = renderReport(input(history, missing));

  it('is one page that needs no script and fetches nothing', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).not.toMatch(/<script|<link|<iframe|@import|url\(/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('escapes every text that came from a service or a tag', () => {
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&amp;');
  });

  it('says first that the last run failed, when it did, and when the last success was', () => {
    expect(page).toContain('<title>Failed · Harmoniq report</title>');
    expect(page).toMatch(/<span class="status failed">✗ Last run failed<\/span> \(2026-03-02 11:00 GMT\+1, every 60 min, 1\.2 s\):<br>Harmoniq sync had failures: 0 of 1 sources ok/);
    expect(page).toContain('Last successful run: 2026-03-01 11:00 GMT+1.');
  });

  it('shows each playlist with its tracks and a placeholder cover, or the cover it was given', () => {
    expect(page).toContain('<h3>Global Top 50</h3>');
    expect(page).toContain('<li>Björk – Jóga</li>');
    expect(page).toContain('<div class="cover placeholder" aria-hidden="true">♪</div>');
    const cover = 'data:image/jpeg;base64,/9j/4AAQSkZJRg==';
    const withCover = renderReport(input(history, missing, { covers: { 'lastfm-charts/default': cover } }));
    expect(withCover).toContain(`<img class="cover" src="${cover}" alt="Cover of Global Top 50"`);
    const hostile = renderReport(input(history, missing, { covers: { 'lastfm-charts/default': 'javascript:alert(1)' } }));
    expect(hostile).not.toContain('javascript:');
  });

  it('ranks the missing tracks by how often they were wanted, with the Lidarr list link', () => {
    expect(page.indexOf('Often wanted')).toBeLessThan(page.indexOf('Once – Wanted'));
    expect(page).toContain('<a href="lidarr-import.json">Lidarr list</a> (3 artists, <code>/data/lidarr-import.json</code>)');
  });

  it('explains each miss like sync --explain, with the nearest library track', () => {
    expect(page).toContain('✗ Röyksopp – Eple: a similar track is in your library, but not close enough to be sure; nearest in your library: Royksopp – Eple (Live) (score 0.81)');
  });

  it('lists the recent runs with what changed and the failure', () => {
    expect(page).toMatch(/<article class="run failed"><h3>2026-03-02 11:00 GMT\+1 · <span class="status failed">✗ Failed<\/span><\/h3>/);
    expect(page).toContain('lastfm-charts: <code>ELASTFMKEY</code> Last.fm refused the API key &lt;script&gt;');
    expect(page).toContain('+2 added, −0 removed, 0 kept');
  });

  it('reads sensibly before any run', () => {
    const empty = renderReport(input(emptyHistory(), emptyMissingReport(), { sources: [] }));
    expect(empty).toContain('No run recorded yet.');
    expect(empty).toContain('No managed playlist yet.');
  });

  it('is pure: the same input gives the same page', () => {
    expect(renderReport(input(history, missing))).toBe(page);
  });
});
