import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { LastfmEmulator, PlexEmulator } from '@harmoniq/testkit';
import { axeViolations, launchChromium } from './browser.js';
import { useChartWorld } from './cli-harness.js';
import { killAll, spawnHarmoniq, type SpawnedCli } from './daemon-harness.js';

let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let dataDir: string;
let env: Record<string, string>;
let browser: Browser;
const procs: SpawnedCli[] = [];
const TOKEN = 'status-token-7f3a9c1e5b';

useChartWorld('harmoniq-status-', (world, fresh) => {
  ({ plex, lastfm } = world);
  ({ dataDir, env } = fresh);
});

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(() => killAll(procs));

/** The daemon with its status page on a free port; the first run fails (Last.fm refuses the key once). */
async function daemonWithFailedFirstRun(extra: Record<string, string> = {}): Promise<{ d: SpawnedCli; url: string }> {
  lastfm.inject({
    path: '/2.0/',
    status: 403,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Invalid API key - You must be granted a valid key by last.fm', error: 10 }),
    times: 1,
  });
  const d = spawnHarmoniq(['daemon'], { ...env, STATUS_PORT: '0', RUN_INTERVAL_MINUTES: '600', ...extra }, dataDir);
  procs.push(d);
  const [line] = await d.waitFor(/^Status page: http:\/\/127\.0\.0\.1:\d+\//);
  await d.waitFor(/^Run finished with errors \(start\)/);
  return { d, url: /(http:\/\/\S+\/)/.exec(line!.message)![1]! };
}

const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers });

describe('the daemon status page, as a person sees it in Chromium', () => {
  it('shows the playlists, a missing track and a failed run as failed; passes axe; runs on POST /run with the token', async () => {
    const { d, url } = await daemonWithFailedFirstRun({ STATUS_TOKEN: TOKEN });

    // Without the token, or with a wrong one, the route does not exist.
    expect((await post(`${url}run`)).status).toBe(404);
    expect((await post(`${url}run`, { authorization: 'Bearer wrong-token' })).status).toBe(404);
    const started = await post(`${url}run`, { authorization: `Bearer ${TOKEN}` });
    expect(started.status).toBe(202);
    await d.waitFor(/^Run finished \(status page\): 1 of 1 sources ok/);

    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response!.status()).toBe(200);

    const text = (await page.evaluate('document.body.innerText')) as string;
    expect(await page.$$eval('.playlist h3', (hs) => hs.map((h) => h.textContent))).toEqual(['Global Top 50']);
    const missing = JSON.parse(readFileSync(join(dataDir, 'missing-tracks.json'), 'utf8')) as { tracks: { artist: string; title: string }[] };
    expect(text).toContain(`${missing.tracks[0]!.artist} – ${missing.tracks[0]!.title}`);
    expect(text).toMatch(/✓ Last run succeeded/);
    // The failed first run reads as a failure, in words and in the colour of failures.
    const failed = (await page.evaluate(
      `(() => { const el = document.querySelector('.run.failed'); return { text: el.innerText, colour: getComputedStyle(el.querySelector('.status')).color }; })()`,
    )) as { text: string; colour: string };
    expect(failed.text).toMatch(/✗ Failed/);
    expect(failed.text).toContain('ELASTFMKEY');
    expect(failed.colour).toBe('rgb(180, 35, 24)');
    // The Lidarr list is served by the daemon itself, so Lidarr can import it from the page's link.
    const lidarrHref = (await page.evaluate(`document.querySelector('a[href="lidarr.json"]').href`)) as string;
    expect(lidarrHref).toBe(`${url}lidarr.json`);
    const served = await fetch(lidarrHref);
    expect(served.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await served.json()).toEqual(JSON.parse(readFileSync(join(dataDir, 'lidarr-import.json'), 'utf8')));
    // Fits a phone: nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // Self-contained: the browser fetched the page and nothing else (covers are data: URIs inside it).
    expect(requested.filter((r) => !r.startsWith('data:image/jpeg;base64,'))).toEqual([url]);

    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);

    const shots = mkdtempSync(join(tmpdir(), 'harmoniq-screenshot-'));
    const shot = join(shots, 'status-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    // The docs' picture (docs/images/status-page.png): HARMONIQ_SCREENSHOT=<path> when regenerating it.
    if (process.env.HARMONIQ_SCREENSHOT) {
      await page.setViewport({ width: 1000, height: 1400 });
      await page.screenshot({ path: process.env.HARMONIQ_SCREENSHOT });
    }
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();

    const html = await (await fetch(url)).text();
    for (const secret of [TOKEN, plex.token, lastfm.apiKey]) expect(html).not.toContain(secret);
    expect((await stop(d)).code).toBe(0);
  });

  it('serves /healthz by the rules of harmoniq health and /metrics in the Prometheus text format', async () => {
    const { d, url } = await daemonWithFailedFirstRun();
    const unhealthy = await fetch(`${url}healthz`);
    expect(unhealthy.status).toBe(503);
    expect(await unhealthy.text()).toMatch(/^unhealthy: the last run \(.+\) failed with exit code 1/);

    const metrics = await fetch(`${url}metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await metrics.text();
    expect(body).toContain('harmoniq_runs_total{result="failed"} 1');
    expect(body).toContain('harmoniq_runs_total{result="ok"} 0');
    expect(body).toContain('harmoniq_source_ok{source="lastfm-charts"} 0');
    expect(body).toContain('harmoniq_last_success_timestamp_seconds 0');
    expect(body).toMatch(/^harmoniq_plex_requests_total [1-9]\d*$/m);

    // Without a token there is no POST /run; nothing beyond the four routes exists.
    expect((await post(`${url}run`, { authorization: 'Bearer anything' })).status).toBe(404);
    for (const path of ['state.json', 'history.json', '../state.json', 'metrics/', 'index.html', '%2e%2e/state.json']) {
      expect((await fetch(`${url}${path}`)).status).toBe(404);
    }
    expect((await fetch(`${url}healthz`, { method: 'DELETE' })).status).toBe(404);
    expect((await stop(d)).code).toBe(0);
  });
});

async function stop(d: SpawnedCli) {
  d.child.kill('SIGTERM');
  return d.exited;
}
