import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerCachePath, createAnswerCache } from '@harmoniq/core/pipeline';
import { startListenBrainzEmulator, type ListenBrainzEmulator } from '@harmoniq/testkit';
import { listenbrainzSource } from '@harmoniq/plugin-listenbrainz';
import { TOKEN, USER, makeContext, mbid, options, recordingsFor } from './helpers.js';

let emu: ListenBrainzEmulator;
afterEach(async () => {
  await emu.close();
});

const DAY = 86_400_000;

/** 120 recommendations; the last 20 have no metadata. */
async function start(): Promise<ListenBrainzEmulator> {
  const recommendations = Array.from({ length: 120 }, (_, i) => ({ mbid: mbid(i + 1), score: 10 - i / 20, latestListenedAt: null }));
  emu = await startListenBrainzEmulator({ tokens: { [TOKEN]: USER }, users: { [USER]: { recommendations } }, recordings: recordingsFor(1, 100) });
  return emu;
}

describe('ListenBrainz recording metadata kept between runs', () => {
  it('a warm run asks for the recommendations only, and builds the same playlist', async () => {
    await start();
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-lb-answers-'));
    const t0 = Date.UTC(2026, 0, 1);
    const run = async (at: number) => {
      const ctx = makeContext();
      const answers = createAnswerCache({ dataDir, logger: ctx.logger, now: () => at });
      const drafts = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), { ...ctx, answers });
      await answers.flush();
      return drafts;
    };
    const paths = () => emu.requests.map((r) => r.path);

    const cold = await run(t0);
    expect(paths().filter((p) => p.startsWith('/1/metadata/recording'))).toHaveLength(3);
    emu.resetRequests();
    const warm = await run(t0 + 3_600_000);
    expect(warm).toEqual(cold);
    expect(paths()).toEqual([`/1/cf/recommendation/user/${USER}/recording`]);

    // "Unknown" is kept a day: after it, only the 20 unknown recordings are asked for again, in one request.
    emu.resetRequests();
    await run(t0 + 2 * DAY);
    const metadata = emu.requests.filter((r) => r.path.startsWith('/1/metadata/recording'));
    expect(metadata).toHaveLength(1);
    expect(metadata[0]?.query['recording_mbids']?.split(',')).toHaveLength(20);

    const file = readFileSync(answerCachePath(dataDir), 'utf8');
    expect(file).toContain(mbid(1));
    expect(file).not.toContain(TOKEN);
  });
});
