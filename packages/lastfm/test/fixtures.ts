import { createHttp, createMemoryLogger, createRedactor, type MemoryLogger } from '@harmoniq/core/pipeline';
import { startLastfmEmulator, type LastfmEmulator, type LastfmEmulatorOptions, type LastfmFixture } from '@harmoniq/testkit';
import { createLastfmClient, type LastfmClient, type LastfmClientOptions } from '@harmoniq/lastfm';

export const KEY = 'secret-lastfm-key-1234';

export const DATA: LastfmFixture = {
  chart: [
    { artist: 'Taylor Swift', title: 'Cruel Summer', playcount: 20910268, listeners: 760544, artistMbid: '20244d07-534f-4eff-b4d4-930878889970' },
    { artist: 'Chappell Roan', title: 'Good Luck, Babe!', playcount: 1000, listeners: 500, durationS: 218 },
    { artist: 'Sabrina Carpenter', title: 'Espresso', playcount: 900, listeners: 400, mbid: 'a1b2c3d4-0000-4000-8000-000000000001' },
  ],
  geo: { Germany: [{ artist: 'Kraftwerk', title: 'Das Model', listeners: 42, durationS: 220 }] },
  tags: { indie: [{ artist: 'Pavement', title: 'Cut Your Hair', durationS: 186 }, { artist: 'Pixies', title: 'Debaser' }] },
  users: {
    rj: {
      topTracks: {
        overall: [
          { artist: 'Joy Division', title: 'Love Will Tear Us Apart', playcount: 440, durationS: 205, mbid: '00046764-a84c-3568-b8b1-6a8174f7ca0b' },
          { artist: 'New Order', title: 'Ceremony', playcount: 300 },
        ],
        '7day': [{ artist: 'New Order', title: 'Ceremony', playcount: 12 }],
      },
      topArtists: { overall: [{ name: 'Queen', playcount: 1511, mbid: '5eecaf18-02ec-47af-a4f2-7831db373419' }, { name: 'Joy Division', playcount: 900 }] },
      loved: [{ artist: 'The Backseat Lovers', title: 'Davy Crochet', mbid: '59da79dd-aed6-447c-951c-070f6b8446a1' }],
      recent: [{ artist: 'Portishead', title: 'Glory Box', album: 'Dummy' }],
    },
    hidden: { private: true, loved: [{ artist: 'A', title: 'B' }] },
  },
  similarArtists: { Metallica: [{ name: 'Megadeth', match: 1, mbid: 'a9044915-8be3-4c7e-b11f-9e2d2ea0a91e' }, { name: 'Pantera', match: 0.600213 }] },
  artistTopTracks: { 'Chris Cornell': [{ artist: 'Chris Cornell', title: 'You Know My Name', playcount: 2053916, listeners: 335135 }] },
  similarTracks: [
    {
      artist: 'Disturbed',
      title: 'Stricken',
      similar: [
        { artist: 'Disturbed', title: 'Down With the Sickness', match: 1, playcount: 8066450, durationS: 278, mbid: 'a8009036-b13e-4cb8-b2c7-2c3f9735b735' },
        { artist: 'Disturbed', title: 'Inside the Fire', match: 0.976467, playcount: 3983007 },
      ],
    },
  ],
};

export interface Harness {
  emu: LastfmEmulator;
  client: LastfmClient;
  logger: MemoryLogger;
  close(): Promise<void>;
}

/** An emulator plus a client pointed at it, fast (tiny retry delays, generous rate) unless told otherwise. */
export async function harness(client: Partial<LastfmClientOptions> = {}, emulator: LastfmEmulatorOptions = {}): Promise<Harness> {
  const emu = await startLastfmEmulator({ apiKey: KEY, data: DATA, ...emulator });
  const logger = createMemoryLogger('lastfm');
  const http = createHttp({ userAgent: 'harmoniq-test/0.1', redactor: createRedactor([KEY]), logger, retryBaseMs: 1, timeoutMs: 5000 });
  const c = createLastfmClient({ apiKey: KEY, baseUrl: `${emu.url}/2.0/`, http, logger, retryBaseMs: 1, ratePerSecond: 1000, ...client });
  return { emu, client: c, logger, close: () => emu.close() };
}

/** Every text a user could see: log lines and their metadata. */
export function loggedText(logger: MemoryLogger): string {
  return logger.lines.map((l) => `${l.message} ${JSON.stringify(l.meta ?? {})}`).join('\n');
}
