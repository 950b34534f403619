import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSource, type Env, type PlaylistSource } from '../src/contract.js';
import { loadConfig, resolveCommonOptions, type HarmoniqConfig } from '../src/config/index.js';

const charts: PlaylistSource = defineSource({
  apiVersion: 1,
  name: 'lastfm-charts',
  description: 'Global Last.fm chart',
  defaults: { playlist: 'Global Top 50', size: 50 },
  env: { enabled: 'ENABLE_LASTFM_CHARTS', playlist: 'PLAYLIST_NAME_LASTFM_CHARTS', size: 'PLAYLIST_SIZE_CHARTS' },
  parseOptions: () => ({ ok: true, value: {} }),
  fetch: async () => [],
});
const flow: PlaylistSource = { ...charts, name: 'daily-flow', timeWindows: true, env: { playlist: 'PLAYLIST_NAME_TIME' }, defaults: { playlist: 'Daily Flow', size: 30 } };

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

function folder(files: Record<string, string | Buffer> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'harmoniq-look-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);
  return root;
}

async function load(root: string, env: Env = {}) {
  return loadConfig({ cwd: root, env, homeDir: root, platform: 'linux' });
}

async function config(root: string, env: Env = {}): Promise<HarmoniqConfig> {
  const result = await load(root, env);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

describe('covers, descriptions and exclusions in the configuration', () => {
  it('reads EXCLUDE_GENRES and EXCLUDE_ARTISTS as comma lists and the tracks file line by line', async () => {
    const root = folder({ 'exclude.txt': '# seasonal\nWham! – Last Christmas\nBand Aid - Do They Know It\'s Christmas?\n123456\n' });
    const { look } = await config(root, { EXCLUDE_GENRES: 'Christmas, Audiobook,,Comedy', EXCLUDE_ARTISTS: 'Mariah Carey', EXCLUDE_TRACKS_FILE: 'exclude.txt' });
    expect(look.exclude).toEqual({
      genres: ['Christmas', 'Audiobook', 'Comedy'],
      artists: ['Mariah Carey'],
      tracks: [
        { artist: 'Wham!', title: 'Last Christmas' },
        { artist: 'Band Aid', title: "Do They Know It's Christmas?" },
      ],
      ratingKeys: ['123456'],
    });
  });

  it('reports every problem at once, one line each naming the setting: bad poster mode, unreadable image, bad tracks lines, bad template', async () => {
    const root = folder({ 'not-an-image.jpg': 'hello', 'exclude.txt': 'Wham! – Last Christmas\njust a title\n\nanother bad line\n' });
    const result = await load(root, {
      PLAYLIST_POSTER: 'sometimes',
      PLAYLIST_POSTER_FILE: 'not-an-image.jpg',
      EXCLUDE_TRACKS_FILE: 'exclude.txt',
      PLAYLIST_SUMMARY_TEMPLATE: 'Made for {usr}',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.errors.map((e) => e.message);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PLAYLIST_POSTER must be one of generate, none, got 'sometimes'/),
        expect.stringMatching(/^PLAYLIST_POSTER_FILE is '.*not-an-image\.jpg', which is not a PNG or JPEG image/),
        expect.stringMatching(/^EXCLUDE_TRACKS_FILE \(.*\) line 2: 'just a title' is neither 'Artist – Title' nor a ratingKey/),
        expect.stringMatching(/^EXCLUDE_TRACKS_FILE \(.*\) line 4: 'another bad line'/),
        expect.stringMatching(/^PLAYLIST_SUMMARY_TEMPLATE has an unknown placeholder \{usr\}/),
      ]),
    );
    expect(result.errors).toHaveLength(5);
  });

  it('refuses a missing poster file and a missing tracks file', async () => {
    const root = folder();
    const result = await load(root, { PLAYLIST_POSTER_FILE: 'nope.png', EXCLUDE_TRACKS_FILE: 'nope.txt' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^PLAYLIST_POSTER_FILE is '.*nope\.png', which cannot be read \(ENOENT\)/),
      expect.stringMatching(/^EXCLUDE_TRACKS_FILE is '.*nope\.txt', which cannot be read \(ENOENT\)/),
    ]);
  });

  it("gives each source the global look, its section's own poster and template winning, its exclusions added", async () => {
    const root = folder({
      'cover.jpg': JPEG,
      'harmoniq.config.yaml': [
        'exclude:',
        '  genres: [Christmas]',
        'sources:',
        '  lastfm-charts:',
        '    poster: none',
        '    summaryTemplate: "{summary} for {user}"',
        '    exclude:',
        '      artists: Mariah Carey, Wham!',
        '  daily-flow:',
        '    posterFile: cover.jpg',
        '',
      ].join('\n'),
    });
    const cfg = await config(root, { EXCLUDE_GENRES: 'Audiobook' });
    expect(resolveCommonOptions(charts, cfg)).toMatchObject({
      ok: true,
      value: { look: { poster: { mode: 'none' }, summaryTemplate: '{summary} for {user}', exclude: { genres: ['Audiobook'], artists: ['Mariah Carey', 'Wham!'] } } },
    });
    expect(resolveCommonOptions(flow, cfg)).toMatchObject({ ok: true, value: { look: { poster: { mode: 'file', path: join(root, 'cover.jpg') }, exclude: { genres: ['Audiobook'], artists: [] } } } });
  });

  it('checks title templates: {window} only for sources with time windows, unknown placeholders refused', async () => {
    const root = folder();
    const cfg = await config(root, { PLAYLIST_NAME_LASTFM_CHARTS: 'Charts {window} {sorce}', PLAYLIST_NAME_TIME: 'Daily Flow ({window}) {date}' });
    const result = resolveCommonOptions(charts, cfg);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.path}|${e.message}`)).toEqual([
      'PLAYLIST_NAME_LASTFM_CHARTS|PLAYLIST_NAME_LASTFM_CHARTS uses {window}, which is not available here; use {source}, {user}, {date}',
      'PLAYLIST_NAME_LASTFM_CHARTS|PLAYLIST_NAME_LASTFM_CHARTS has an unknown placeholder {sorce}; use {source}, {user}, {date}',
    ]);
    expect(resolveCommonOptions(flow, cfg)).toMatchObject({ ok: true, value: { playlist: 'Daily Flow ({window}) {date}' } });
  });
});
