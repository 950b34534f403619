import { createTestContext, type TestContext } from '@harmoniq/core/testing';
import type { LibraryTrack } from '@harmoniq/core';
import { serve, startLastfmEmulator, type Emulator, type LastfmEmulator, type LastfmFixture, type LastfmTrackFixture } from '@harmoniq/testkit';

export const KEY = 'recs-test-key-0001';

const t = (artist: string, title: string, extra: Partial<LastfmTrackFixture> = {}): LastfmTrackFixture => ({ artist, title, ...extra });
const sim = (artist: string, title: string, match: number) => ({ artist, title, match });

/**
 * A listener of Radiohead and Portishead. Karma Police and Glory Box are their top tracks, Jóga is loved,
 * Teardrop is in heavy rotation (recent), so it must never be recommended.
 */
export const DATA: LastfmFixture = {
  users: {
    listener: {
      topArtists: { '3month': [{ name: 'Radiohead', playcount: 300 }, { name: 'Portishead', playcount: 100 }] },
      topTracks: {
        '3month': [t('Radiohead', 'Karma Police', { playcount: 40 }), t('Portishead', 'Glory Box', { playcount: 30 })],
        overall: [t('Radiohead', 'Karma Police', { playcount: 400 }), t('Radiohead', 'No Surprises', { playcount: 200 })],
      },
      loved: [t('Björk', 'Jóga')],
      recent: [t('Massive Attack', 'Teardrop'), t('Radiohead', 'Karma Police')],
    },
    hidden: { private: true, topArtists: { overall: [{ name: 'Radiohead' }] } },
  },
  similarTracks: [
    {
      artist: 'Radiohead',
      title: 'Karma Police',
      similar: [sim('Massive Attack', 'Teardrop', 0.9), sim('Muse', 'Unintended', 0.8), sim('Muse', 'Sunburn', 0.7), sim('Muse', 'Falling Down', 0.6), sim('Elbow', 'Newborn', 0.5), sim('Radiohead', 'No Surprises', 0.5)],
    },
    { artist: 'Portishead', title: 'Glory Box', similar: [sim('Tricky', 'Overcome', 0.9), sim('Massive Attack', 'Angel', 0.8), sim('Muse', 'Unintended', 0.6)] },
    { artist: 'Björk', title: 'Jóga', similar: [sim('Sigur Rós', 'Hoppípolla', 0.9)] },
  ],
  similarArtists: {
    Radiohead: [{ name: 'Muse', match: 0.9 }, { name: 'Thom Yorke', match: 0.8 }, { name: 'Massive Attack', match: 0.3 }],
    Portishead: [{ name: 'Massive Attack', match: 1 }, { name: 'Tricky', match: 0.9 }, { name: 'Radiohead', match: 0.5 }],
  },
  artistTopTracks: {
    Muse: [t('Muse', 'Unintended'), t('Muse', 'Sunburn'), t('Muse', 'Falling Down'), t('Muse', 'Hysteria')],
    'Thom Yorke': [t('Thom Yorke', 'Black Swan'), t('Thom Yorke', 'Harrowdown Hill')],
    'Massive Attack': [t('Massive Attack', 'Teardrop'), t('Massive Attack', 'Angel'), t('Massive Attack', 'Unfinished Sympathy')],
    Tricky: [t('Tricky', 'Overcome'), t('Tricky', 'Hell Is Round the Corner')],
    Radiohead: [t('Radiohead', 'Creep'), t('Radiohead', 'Karma Police'), t('Radiohead', 'No Surprises'), t('Radiohead', 'Reckoner'), t('Radiohead', 'Nude')],
    Portishead: [t('Portishead', 'Glory Box'), t('Portishead', 'Roads'), t('Portishead', 'Sour Times')],
  },
};

export function env(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { LASTFM_API_KEY: KEY, LASTFM_USER: 'listener', LASTFM_API_URL: `${url}/2.0/`, ...extra };
}

export function context(day = '2026-01-15T12:00:00Z', size = 10, tracks: LibraryTrack[] = []): TestContext {
  return createTestContext({ now: day, common: { size, playlist: 'Test Playlist' }, tracks });
}

export async function emulator(data: LastfmFixture = DATA): Promise<LastfmEmulator> {
  return startLastfmEmulator({ apiKey: KEY, data });
}

/**
 * A real HTTP server in front of the emulator that answers the requests `fails` picks with an error
 * of its own (the emulator's fault rules match by path, and every Last.fm call has the same path).
 */
export async function failingProxy(target: Emulator, fails: (query: URLSearchParams) => boolean, status = 500, body = '{"error":8,"message":"Operation failed"}'): Promise<Emulator> {
  return serve(async (req) => {
    if (fails(req.query)) return { status, headers: { 'content-type': 'application/json' }, body };
    const res = await fetch(`${target.url}${req.rawUrl}`);
    return { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' }, body: await res.text() };
  });
}
