import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerCachePath, createAnswerCache, createHttp, createMemoryLogger, createRedactor } from '@harmoniq/core/pipeline';
import { createLastfmClient } from '@harmoniq/lastfm';
import { startLastfmEmulator, type LastfmEmulator } from '@harmoniq/testkit';
import { DATA, KEY } from './fixtures.js';

let emu: LastfmEmulator;
afterEach(async () => {
  await emu.close();
});

const DAY = 86_400_000;

/** One "run": a fresh client and a fresh cache object over the same data directory, at a given time. */
async function world() {
  emu = await startLastfmEmulator({ apiKey: KEY, data: DATA });
  const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-lastfm-answers-'));
  const logger = createMemoryLogger('lastfm');
  const http = createHttp({ userAgent: 'harmoniq-test/0.1', redactor: createRedactor([KEY]), logger, retryBaseMs: 1, timeoutMs: 5000 });
  const run = (at: number, refresh = false) => {
    const answers = createAnswerCache({ dataDir, logger, now: () => at, refresh });
    const client = createLastfmClient({ apiKey: KEY, baseUrl: `${emu.url}/2.0/`, http, logger, retryBaseMs: 1, ratePerSecond: 1000, answers });
    return { client, answers };
  };
  const methods = () => emu.requests.map((r) => r.query['method']);
  return { dataDir, run, methods };
}

async function everything(client: ReturnType<typeof createLastfmClient>) {
  return [
    await client.artistSimilar('Metallica'),
    await client.trackSimilar('Disturbed', 'Stricken'),
    await client.artistTopTracks('Chris Cornell', { limit: 5 }),
    await client.userTopTracks('rj', 'overall'),
    await client.userTopArtists('rj', 'overall'),
    await client.userLovedTracks('rj'),
    await client.userRecentTracks('rj'),
    await client.chartTopTracks({ limit: 3 }),
  ];
}

describe('Last.fm answers kept between runs', () => {
  it('a warm run asks only for recent plays, loved tracks and charts, and gets the same answers', async () => {
    const w = await world();
    const t0 = Date.UTC(2026, 0, 1);
    const cold = w.run(t0);
    const first = await everything(cold.client);
    await cold.answers.flush();
    expect(w.methods()).toHaveLength(8);

    emu.resetRequests();
    const warm = w.run(t0 + 15 * 60_000);
    expect(await everything(warm.client)).toEqual(first);
    expect(w.methods().sort()).toEqual(['chart.getTopTracks', 'user.getLovedTracks', 'user.getRecentTracks']);
    expect(warm.client.requestCount()).toBe(3);
  });

  it('asks again once an answer outlives its method\'s lifetime, or with --refresh-sources', async () => {
    const w = await world();
    const t0 = Date.UTC(2026, 0, 1);
    const cold = w.run(t0);
    await cold.client.artistSimilar('Metallica');
    await cold.client.artistTopTracks('Chris Cornell');
    await cold.answers.flush();

    emu.resetRequests();
    const fourDays = w.run(t0 + 4 * DAY);
    await fourDays.client.artistSimilar('Metallica');
    await fourDays.client.artistTopTracks('Chris Cornell');
    // Similar artists last a week, an artist's top tracks three days.
    expect(w.methods()).toEqual(['artist.getTopTracks']);

    emu.resetRequests();
    const refreshing = w.run(t0 + 4 * DAY, true);
    await refreshing.client.artistSimilar('Metallica');
    expect(w.methods()).toEqual(['artist.getSimilar']);
  });

  it('keeps an unknown artist\'s empty answer too, and never writes the API key into the cache', async () => {
    const w = await world();
    const cold = w.run(Date.UTC(2026, 0, 1));
    expect(await cold.client.artistSimilar('Nobody Knows Them')).toEqual([]);
    await cold.client.artistSimilar('Metallica');
    await cold.answers.flush();
    emu.resetRequests();
    expect(await w.run(Date.UTC(2026, 0, 2)).client.artistSimilar('nobody knows them')).toEqual([]);
    expect(w.methods()).toEqual([]);
    const file = readFileSync(answerCachePath(w.dataDir), 'utf8');
    expect(file).toContain('artist.getSimilar');
    expect(file).not.toContain(KEY);
  });

  it('does not keep failures: a run after an error asks again', async () => {
    const w = await world();
    emu.inject({ path: '/2.0/', status: 503, body: '<html>Service Unavailable</html>', times: Infinity });
    const cold = w.run(Date.UTC(2026, 0, 1));
    await expect(cold.client.artistSimilar('Metallica')).rejects.toMatchObject({ code: 'ELASTFM' });
    await cold.answers.flush();
    emu.clearFaults();
    emu.resetRequests();
    expect(await w.run(Date.UTC(2026, 0, 1)).client.artistSimilar('Metallica')).toHaveLength(2);
    expect(w.methods()).toEqual(['artist.getSimilar']);
  });
});
