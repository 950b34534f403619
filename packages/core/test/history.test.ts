import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendHistory, appendRun, createMemoryLogger, createRedactor, emptyHistory, historyPath, readHistory, runsFor, type CandidateReport, type PlaylistReport, type SyncReport } from '@harmoniq/core/pipeline';

const limits = { maxRuns: 200, maxDays: 30 };
const facts = { trigger: 'sync', requests: { plex: 4, total: 6 } };

const used = (n: number): Partial<CandidateReport> => ({ artist: `Artist ${n}`, title: `Song ${n}`, status: 'matched', ratingKey: String(n), used: true });

function playlist(candidates: Partial<CandidateReport>[], extra: Partial<PlaylistReport> = {}): PlaylistReport {
  const list = candidates.map((c) => ({ artist: 'A', title: 'T', status: 'unmatched', used: false, ...c }) as CandidateReport);
  return {
    key: 'default',
    title: 'Global Top 50',
    ratingKey: '900',
    action: 'updated',
    counts: { candidates: list.length, found: list.filter((c) => c.status === 'matched').length, missing: 0, added: 0, removed: 0, kept: 0, size: 0 },
    durationMs: 5,
    candidates: list,
    ...extra,
  };
}

function report(at: string, playlists: PlaylistReport[], extra: Partial<SyncReport> = {}): SyncReport {
  return {
    startedAt: at,
    finishedAt: at,
    durationMs: 10,
    dryRun: false,
    ok: true,
    exitCode: 0,
    sources: [{ source: 'lastfm-charts', ok: true, warnings: [], durationMs: 8, playlists }],
    ...extra,
  };
}

describe('run history: one compact record per run', () => {
  it('names the tracks added and removed since the previous run, and counts the kept ones', () => {
    const first = appendRun(emptyHistory(), report('2026-01-01T00:00:00Z', [playlist([used(1), used(2), used(3)], { action: 'created' })]), facts, limits);
    expect(first.runs[0]!.playlists[0]).toMatchObject({ action: 'created', added: [{ title: 'Song 1' }, { title: 'Song 2' }, { title: 'Song 3' }], removed: [], kept: 0 });

    const second = appendRun(first, report('2026-01-02T00:00:00Z', [playlist([used(2), used(3), used(4)])]), facts, limits);
    const p = second.runs[1]!.playlists[0]!;
    expect(p.added).toEqual([{ artist: 'Artist 4', title: 'Song 4', ratingKey: '4' }]);
    expect(p.removed).toEqual([{ artist: 'Artist 1', title: 'Song 1', ratingKey: '1' }]);
    expect(p.kept).toBe(2);
    expect(second.current['lastfm-charts/default']!.tracks.map((t) => t.title)).toEqual(['Song 2', 'Song 3', 'Song 4']);
    expect(second.runs[1]).toMatchObject({ trigger: 'sync', ok: true, requests: { plex: 4, total: 6 }, durationMs: 10 });
  });

  it('keeps the previous tracks of a playlist that was skipped or failed, and records why', () => {
    const first = appendRun(emptyHistory(), report('2026-01-01T00:00:00Z', [playlist([used(1), used(2)], { action: 'created' })]), facts, limits);
    const failed = report('2026-01-02T00:00:00Z', [playlist([{ ...used(7), used: true }], { action: 'failed', reason: 'Plex answered 500' })], {
      ok: false,
      exitCode: 1,
      sources: [{ source: 'lastfm-charts', ok: false, error: { code: 'EPLEXREQUEST', message: 'Plex answered 500' }, warnings: [], durationMs: 3, playlists: [] }],
    });
    failed.sources[0]!.playlists.push(playlist([used(7)], { action: 'failed', reason: 'Plex answered 500' }));
    const next = appendRun(first, failed, facts, limits);
    expect(next.current['lastfm-charts/default']!.tracks.map((t) => t.title)).toEqual(['Song 1', 'Song 2']);
    expect(next.runs[1]!.playlists[0]).toMatchObject({ action: 'failed', reason: 'Plex answered 500', added: [], removed: [] });
    expect(next.runs[1]!.sources).toEqual([{ source: 'lastfm-charts', ok: false, error: { code: 'EPLEXREQUEST', message: 'Plex answered 500' }, durationMs: 3 }]);
  });

  it('records each miss with its reason and nearest library track, and an exclusions list', () => {
    const miss: Partial<CandidateReport> = {
      artist: 'Röyksopp',
      title: 'Eple',
      status: 'unmatched',
      reason: 'below-threshold',
      best: { artist: 'Royksopp', title: 'Eple (Live)', ratingKey: '7', score: 0.81 },
    };
    const h = appendRun(emptyHistory(), report('2026-01-01T00:00:00Z', [playlist([used(1), miss, { artist: 'X', title: 'Y', reason: 'not-found' }])]), facts, limits);
    expect(h.runs[0]!.playlists[0]).toMatchObject({
      found: 1,
      wanted: 3,
      misses: [
        { artist: 'Röyksopp', title: 'Eple', reason: 'below-threshold', nearest: { artist: 'Royksopp', title: 'Eple (Live)', score: 0.81 } },
        { artist: 'X', title: 'Y', reason: 'not-found' },
      ],
      exclusions: [],
    });
  });

  it('keeps at most HISTORY_MAX_RUNS runs and none older than HISTORY_MAX_DAYS, but always the newest', () => {
    let h = emptyHistory();
    for (let day = 1; day <= 9; day++) h = appendRun(h, report(`2026-01-0${day}T00:00:00Z`, []), facts, { maxRuns: 5, maxDays: 365 });
    expect(h.runs.map((r) => r.finishedAt.slice(8, 10))).toEqual(['05', '06', '07', '08', '09']);
    h = appendRun(h, report('2026-03-01T00:00:00Z', []), facts, { maxRuns: 5, maxDays: 30 });
    expect(h.runs.map((r) => r.finishedAt)).toEqual(['2026-03-01T00:00:00Z']);
  });

  it('lists the runs of one source, newest first, narrowed to that source', () => {
    const two = report('2026-01-02T00:00:00Z', [playlist([used(1)])]);
    two.sources.push({ source: 'daily-flow', ok: true, warnings: [], durationMs: 1, playlists: [playlist([used(5)], { title: 'Daily Flow' })] });
    const h = appendRun(appendRun(emptyHistory(), report('2026-01-01T00:00:00Z', [playlist([used(1)])]), facts, limits), two, facts, limits);
    expect(runsFor(h).map((r) => r.finishedAt)).toEqual(['2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z']);
    const daily = runsFor(h, 'daily-flow');
    expect(daily).toHaveLength(1);
    expect(daily[0]!.playlists.map((p) => p.title)).toEqual(['Daily Flow']);
    expect(daily[0]!.sources.map((s) => s.source)).toEqual(['daily-flow']);
  });
});

describe('history.json in the data dir', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'harmoniq-history-'));
  const options = (dataDir: string, logger = createMemoryLogger(), secrets: string[] = []) => {
    const redactor = createRedactor(secrets);
    return { dataDir, limits, logger, redactValue: <T>(v: T) => redactor.redactValue(v), ...facts };
  };

  it('appends atomically and leaves no temporary file behind', async () => {
    const dataDir = dir();
    await appendHistory(report('2026-01-01T00:00:00Z', [playlist([used(1)])]), options(dataDir));
    await appendHistory(report('2026-01-02T00:00:00Z', [playlist([used(2)])]), options(dataDir));
    expect(readdirSync(dataDir)).toEqual(['history.json']);
    const h = await readHistory(dataDir, createMemoryLogger());
    expect(h.runs.map((r) => r.playlists[0]!.added.map((t) => t.title))).toEqual([['Song 1'], ['Song 2']]);
  });

  it('records no dry run', async () => {
    const dataDir = dir();
    expect(await appendHistory(report('2026-01-01T00:00:00Z', [playlist([used(1)])], { dryRun: true }), options(dataDir))).toBeUndefined();
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('moves a corrupt file aside with a warning and starts a new history', async () => {
    const dataDir = dir();
    writeFileSync(historyPath(dataDir), '{"version":1,"runs":[{"startedAt":');
    const logger = createMemoryLogger();
    const h = await appendHistory(report('2026-01-05T00:00:00Z', [playlist([used(1)])]), options(dataDir, logger));
    expect(h!.runs).toHaveLength(1);
    const files = readdirSync(dataDir).sort();
    expect(files).toEqual(['history.json', 'history.json.corrupt-2026-01-05T00-00-00Z']);
    expect(readFileSync(join(dataDir, files[1]!), 'utf8')).toBe('{"version":1,"runs":[{"startedAt":');
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      expect.stringMatching(/^The run history .*history\.json could not be read \(.*\); starting a new one\. The old file was kept as .*corrupt-2026-01-05T00-00-00Z\.$/),
    ]);
  });

  it('reads a corrupt file as empty without moving it when only reading (harmoniq history)', async () => {
    const dataDir = dir();
    writeFileSync(historyPath(dataDir), 'not json');
    const logger = createMemoryLogger();
    expect((await readHistory(dataDir, logger)).runs).toEqual([]);
    expect(readdirSync(dataDir)).toEqual(['history.json']);
    expect(logger.lines[0]!.message).toMatch(/could not be read/);
  });

  it('never writes a secret, even one inside an error message from a service', async () => {
    const dataDir = dir();
    const secret = 'sk-canary-5f2c9a71';
    const failed = report('2026-01-01T00:00:00Z', [], {
      ok: false,
      exitCode: 3,
      error: { code: 'EPLEXAUTH', message: `Plex refused http://plex:32400/library?X-Plex-Token=${secret}` },
      sources: [{ source: 'lastfm-charts', ok: false, error: { code: 'ELASTFMKEY', message: `key ${secret} is invalid` }, warnings: [], durationMs: 1, playlists: [] }],
    });
    await appendHistory(failed, options(dataDir, createMemoryLogger(), [secret]));
    const text = readFileSync(historyPath(dataDir), 'utf8');
    expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(JSON.parse(text).runs[0].error.code).toBe('EPLEXAUTH');
  });
});
