import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  sampleLastfmData,
  sampleLibrary,
  sampleListenBrainzData,
  startLastfmEmulator,
  startListenBrainzEmulator,
  startPlexEmulator,
} from '@harmoniq/testkit';
import type { MainOptions } from '../io.js';

/**
 * `harmoniq demo`: starts the bundled Plex, Last.fm and ListenBrainz emulators on 127.0.0.1 with a sample
 * library, runs a real `sync --all` against them, and prints the resulting playlists.
 */
export async function demoCommand(io: MainOptions, flags: { json?: boolean }): Promise<number> {
  // With --json, stdout carries only the report; the narration goes to stderr.
  const say = (line: string) => (flags.json ? io.stderr : io.stdout).write(`${line}\n`);
  const dataDir = await mkdtemp(join(tmpdir(), 'harmoniq-demo-'));
  const plex = await startPlexEmulator({ tracks: sampleLibrary() });
  const library = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title, album: t.album, durationMs: t.durationMs }));
  const lastfm = await startLastfmEmulator({ data: sampleLastfmData(library) });
  const lbData = sampleListenBrainzData(library);
  const lbToken = 'demo-listenbrainz-token';
  const listenbrainz = await startListenBrainzEmulator({ tokens: { [lbToken]: 'harmoniq-user' }, users: lbData.users, recordings: lbData.recordings });
  try {
    say(`Demo: emulated Plex at ${plex.url} with ${library.length} tracks, Last.fm at ${lastfm.url}, ListenBrainz at ${listenbrainz.url}.`);
    say(`Data directory: ${dataDir}\n`);
    const env: Record<string, string | undefined> = {
      PATH: io.env.PATH,
      TIMEZONE: io.env.TIMEZONE ?? 'UTC',
      LOG_LEVEL: io.env.LOG_LEVEL ?? 'info',
      HARMONIQ_DATA_DIR: dataDir,
      PLEX_URL: plex.url,
      PLEX_TOKEN: plex.token,
      PLEX_MUSIC_LIBRARY_NAME: 'Music',
      LASTFM_API_KEY: lastfm.apiKey,
      LASTFM_API_URL: `${lastfm.url}/2.0/`,
      LASTFM_USER: 'harmoniq-user',
      ENABLE_LASTFM_CHARTS: 'true',
      ENABLE_LASTFM_RECS: 'true',
      ENABLE_TIME_PLAYLIST: 'true',
      ENABLE_LISTENBRAINZ_RECS: 'true',
      LISTENBRAINZ_USER_TOKEN: lbToken,
      LISTENBRAINZ_API_URL: listenbrainz.url,
    };
    const { main } = await import('../main.js');
    const sink = new PassThrough();
    const code = await main({ ...io, argv: ['sync', '--all', ...(flags.json ? ['--json'] : [])], env, cwd: dataDir, stdout: flags.json ? io.stdout : sink });
    if (!flags.json) {
      sink.end();
      io.stdout.write(await streamText(sink));
      for (const p of plex.playlists()) {
        say(`\n${p.title} (${p.items.length} tracks)${p.summary ? `\n  ${p.summary}` : ''}`);
        p.items.slice(0, 10).forEach((item, i) => {
          const t = plex.tracks().find((x) => x.ratingKey === item.ratingKey);
          say(`  ${String(i + 1).padStart(2)}. ${t ? `${t.trackArtist ?? t.artist} – ${t.title}` : item.ratingKey}`);
        });
        if (p.items.length > 10) say(`  … and ${p.items.length - 10} more`);
      }
      say(`\nThat was a real sync over HTTP against emulators. Point PLEX_URL and PLEX_TOKEN at your server to do it for real (docs/getting-started.md).`);
    }
    return code;
  } finally {
    await Promise.all([plex.close(), lastfm.close(), listenbrainz.close()]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function streamText(stream: PassThrough): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
