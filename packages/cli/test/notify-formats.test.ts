import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHttp, createMemoryLogger, createRedactor, notifyRun, runSummaryText, type SyncReport } from '@harmoniq/core/pipeline';
import { json, serve, type Emulator } from '@harmoniq/testkit';

let sink: Emulator;
beforeAll(async () => {
  // ntfy answers the published message as JSON; Gotify too. Either way a 2xx means delivered.
  sink = await serve(() => json(200, { id: 'abc' }));
});
afterAll(() => sink.close());
beforeEach(() => {
  sink.resetRequests();
  sink.clearFaults();
});

const http = () => createHttp({ userAgent: 'test', redactor: createRedactor(), retryBaseMs: 1 });

function report(ok: boolean): SyncReport {
  return {
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:02Z',
    durationMs: 2000,
    dryRun: false,
    ok,
    exitCode: ok ? 0 : 1,
    sources: [
      {
        source: 'lastfm-charts',
        ok,
        ...(ok ? {} : { error: { code: 'ELASTFMKEY', message: 'Last.fm rejected the API key.' } }),
        warnings: [],
        durationMs: 1500,
        playlists: ok
          ? [{ key: 'default', title: 'Global Top 50', action: 'updated', counts: { candidates: 60, found: 52, missing: 8, added: 3, removed: 2, kept: 47, size: 50 }, durationMs: 10, candidates: [] }]
          : [],
      },
    ],
  };
}

describe('notifications: ntfy and Gotify besides the webhook formats', () => {
  it('publishes to an ntfy topic: the summary as the text body, the headline as the title, priority by result', async () => {
    const sent = await notifyRun(report(false), { webhookUrl: `${sink.url}/harmoniq-alerts`, on: 'failure', format: 'ntfy' }, http(), createMemoryLogger());
    expect(sent).toBe(true);
    const [req] = sink.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/harmoniq-alerts', body: '• lastfm-charts: failed: ELASTFMKEY Last.fm rejected the API key.' });
    expect(req!.headers).toMatchObject({ title: 'Harmoniq sync had failures: 0 of 1 sources ok', priority: '4', tags: 'warning' });
    expect(req!.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('posts a Gotify message as JSON with the same headline and lines as the summary', async () => {
    await notifyRun(report(true), { webhookUrl: `${sink.url}/message?token=app-token-1234`, on: 'always', format: 'gotify' }, http(), createMemoryLogger());
    const [req] = sink.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/message', query: { token: 'app-token-1234' } });
    const body = JSON.parse(req!.body) as { title: string; message: string; priority: number };
    expect(body).toEqual({ title: 'Harmoniq sync succeeded: 1 of 1 sources ok', message: '• Global Top 50: updated (52/60 found, +3 −2)', priority: 4 });
    expect([body.title, body.message].join('\n')).toBe(runSummaryText(report(true)));
  });

  it('never fails the sync: a refusing or unreachable server is a warning', async () => {
    sink.inject({ path: '/topic', status: 500, times: 1 });
    const logger = createMemoryLogger();
    expect(await notifyRun(report(false), { webhookUrl: `${sink.url}/topic`, on: 'failure', format: 'ntfy' }, http(), logger)).toBe(false);
    expect(await notifyRun(report(false), { webhookUrl: 'http://127.0.0.1:9/topic', on: 'failure', format: 'gotify' }, http(), logger)).toBe(false);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'The notification webhook answered HTTP 500; the sync itself is unaffected.',
      expect.stringMatching(/^The notification webhook could not be reached \(.*\); the sync itself is unaffected\.$/),
    ]);
    // A POST is never repeated: it may have been delivered.
    expect(sink.requests.filter((r) => r.path === '/topic')).toHaveLength(1);
  });
});
