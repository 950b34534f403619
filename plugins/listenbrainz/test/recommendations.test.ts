import { afterEach, describe, it, expect } from '@jest/globals';
import { startListenBrainzEmulator, type ListenBrainzEmulator, type ListenBrainzEmulatorOptions } from '@harmoniq/testkit';
import { listenbrainzSource } from '@harmoniq/plugin-listenbrainz';
import { TOKEN, USER, allLogText, makeContext, mbid, options, recordingsFor } from './helpers.js';

const running: ListenBrainzEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function emulator(opts: ListenBrainzEmulatorOptions): Promise<ListenBrainzEmulator> {
  const emu = await startListenBrainzEmulator({ tokens: { [TOKEN]: USER }, ...opts });
  running.push(emu);
  return emu;
}

/** 120 recommendations, best first; the last `unknown` of them have no metadata at all. */
async function recommendingEmulator(unknown = 0): Promise<ListenBrainzEmulator> {
  const recommendations = Array.from({ length: 120 }, (_, i) => ({
    mbid: mbid(i + 1),
    score: 10 - i / 20,
    latestListenedAt: i % 2 === 0 ? null : '2024-05-01T10:00:00.000Z',
  }));
  return emulator({ users: { [USER]: { recommendations } }, recordings: recordingsFor(1, 120 - unknown) });
}

describe('listenbrainz recommendations mode', () => {
  it('returns the recommendations, best first, named through the metadata endpoint', async () => {
    const emu = await recommendingEmulator();
    const ctx = makeContext();
    const drafts = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), ctx);

    expect(drafts).toHaveLength(1);
    const [draft] = drafts;
    expect(draft).toMatchObject({ key: 'recommendations', title: 'ListenBrainz Recommendations' });
    expect(draft?.keepExisting).toBeUndefined();
    expect(draft?.tracks).toHaveLength(120);
    expect(draft?.tracks[0]).toEqual({
      artist: 'Artist 1',
      title: 'Song 1',
      durationMs: 200_000,
      ids: { mbid: mbid(1), artistMbids: [expect.stringMatching(/^[0-9a-f-]{36}$/)] },
      note: 'ListenBrainz recommendation, score 10.00, new to you',
    });
    expect(draft?.tracks[1]?.note).toBe('ListenBrainz recommendation, score 9.95, last listened 2024-05-01');
  });

  it('over-fetches a few times the playlist size and sends the token as an Authorization header', async () => {
    const emu = await recommendingEmulator();
    await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), makeContext({ size: 30 }));
    const recs = emu.requests.find((r) => r.path === `/1/cf/recommendation/user/${USER}/recording`);
    expect(recs?.query).toMatchObject({ count: '120', offset: '0' });
    expect(recs?.headers.authorization).toBe(`Token ${TOKEN}`);
  });

  it('never asks for more than 1000 recommendations', async () => {
    const emu = await recommendingEmulator();
    await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), makeContext({ size: 900 }));
    expect(emu.requests.find((r) => r.path.startsWith('/1/cf/'))?.query.count).toBe('1000');
  });

  it('looks recordings up in batches of at most 50 on /1/metadata/recording/ with inc=artist', async () => {
    const emu = await recommendingEmulator();
    await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), makeContext());
    const lookups = emu.requests.filter((r) => r.path.startsWith('/1/metadata/recording'));
    expect(lookups.map((r) => r.path)).toEqual(['/1/metadata/recording/', '/1/metadata/recording/', '/1/metadata/recording/']);
    expect(lookups.map((r) => r.query.recording_mbids?.split(',').length)).toEqual([50, 50, 20]);
    expect(lookups.every((r) => r.method === 'GET' && r.query.inc === 'artist' && r.urlLength < 2500)).toBe(true);
  });

  it('skips recordings ListenBrainz has no metadata for, and logs how many', async () => {
    const emu = await recommendingEmulator(7);
    const ctx = makeContext();
    const [draft] = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), ctx);
    expect(draft?.tracks).toHaveLength(113);
    expect(draft?.tracks.some((t) => t.ids?.mbid === mbid(120))).toBe(false);
    expect(ctx.logger.lines.some((l) => l.message.includes('Skipped 7 of 120 recordings'))).toBe(true);
  });

  it('asks /1/validate-token whose token it is when LISTENBRAINZ_USER is unset', async () => {
    const emu = await recommendingEmulator();
    const [draft] = await listenbrainzSource.fetch(options(emu.url), makeContext());
    expect(emu.requests[0]?.path).toBe('/1/validate-token');
    expect(emu.requests.some((r) => r.path === `/1/cf/recommendation/user/${USER}/recording`)).toBe(true);
    expect(draft?.tracks).toHaveLength(120);
  });

  it('keeps the existing playlist when ListenBrainz has no recommendations yet (204)', async () => {
    const emu = await emulator({ users: { [USER]: { recommendations: null } } });
    const ctx = makeContext();
    const drafts = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), ctx);
    expect(drafts).toEqual([
      { key: 'recommendations', title: 'ListenBrainz Recommendations', tracks: [], keepExisting: { reason: expect.stringContaining('no recommendations for rob yet') } },
    ]);
    expect(emu.requests.find((r) => r.path.startsWith('/1/cf/'))?.status).toBe(204);
    expect(ctx.logger.lines.some((l) => l.level === 'warn' && l.message.includes('keeping the existing playlist'))).toBe(true);
  });

  it('fails with ELBUSER for a user ListenBrainz does not know (404)', async () => {
    const emu = await emulator({ users: {} });
    await expect(listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: 'nobody-here' }), makeContext())).rejects.toMatchObject({
      code: 'ELBUSER',
      message: 'ListenBrainz has no user "nobody-here"',
    });
  });

  it('fails with ELBTOKEN when ListenBrainz rejects the token (401), without showing it', async () => {
    const emu = await recommendingEmulator();
    const ctx = makeContext();
    const wrong = 'wrong-token-abcdef123456';
    const opts = options(emu.url, { LISTENBRAINZ_USER: USER, LISTENBRAINZ_USER_TOKEN: wrong });
    const failure = listenbrainzSource.fetch(opts, ctx);
    await expect(failure).rejects.toMatchObject({ code: 'ELBTOKEN', message: expect.stringContaining('HTTP 401') });
    const error: unknown = await failure.catch((e: unknown) => e);
    expect(JSON.stringify(error) + String(error)).not.toContain(wrong);
    expect(emu.requests).toHaveLength(1);
  });

  it('fails with ELBTOKEN when validate-token answers 200 with valid: false', async () => {
    const emu = await recommendingEmulator();
    const opts = options(emu.url, { LISTENBRAINZ_USER_TOKEN: 'not-a-known-token' });
    await expect(listenbrainzSource.fetch(opts, makeContext())).rejects.toMatchObject({ code: 'ELBTOKEN', message: 'ListenBrainz says the user token is not valid' });
    expect(emu.requests.map((r) => [r.path, r.status])).toEqual([['/1/validate-token', 200]]);
  });

  it('verifies a good token and rejects a bad one with ELBTOKEN', async () => {
    const emu = await recommendingEmulator();
    await expect(listenbrainzSource.verify?.(options(emu.url), makeContext())).resolves.toBeUndefined();
    await expect(listenbrainzSource.verify?.(options(emu.url, { LISTENBRAINZ_USER_TOKEN: 'bad-token-xyz' }), makeContext())).rejects.toMatchObject({
      code: 'ELBTOKEN',
    });
  });

  it('fails with a retryable ELB when ListenBrainz keeps failing', async () => {
    const emu = await recommendingEmulator();
    emu.inject({ path: '/1/cf/*', status: 503, body: '<html>maintenance</html>', times: Infinity });
    await expect(listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), makeContext({ retries: 1 }))).rejects.toMatchObject({
      code: 'ELB',
      retryable: true,
      message: expect.stringContaining('HTTP 503'),
    });
  });

  it('fails with ELB when the answer is not JSON', async () => {
    const emu = await recommendingEmulator();
    emu.inject({ path: '/1/cf/*', truncate: true });
    await expect(listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), makeContext())).rejects.toMatchObject({
      code: 'ELB',
      message: expect.stringContaining('cannot read'),
    });
  });

  it('fails with ELB when ListenBrainz cannot be reached', async () => {
    const emu = await recommendingEmulator();
    const url = emu.url;
    await emu.close();
    running.splice(running.indexOf(emu), 1);
    await expect(listenbrainzSource.fetch(options(url, { LISTENBRAINZ_USER: USER }), makeContext({ retries: 0 }))).rejects.toMatchObject({
      code: 'ELB',
      message: expect.stringContaining('Cannot reach ListenBrainz'),
    });
  });

  it('never writes the token into the log', async () => {
    const emu = await recommendingEmulator(3);
    const ctx = makeContext();
    await listenbrainzSource.fetch(options(emu.url), ctx);
    expect(ctx.logger.lines.length).toBeGreaterThan(0);
    expect(allLogText(ctx.logger)).not.toContain(TOKEN);
  });
});
