import { afterEach, describe, it, expect } from '@jest/globals';
import { checkSourceContract, createTestContext } from '@harmoniq/core/testing';
import { sampleListenBrainzData, startListenBrainzEmulator, type ListenBrainzEmulator } from '@harmoniq/testkit';
import { listenbrainzSource } from '@harmoniq/plugin-listenbrainz';
import { TOKEN } from './helpers.js';

const running: ListenBrainzEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

describe('listenbrainz source contract', () => {
  it('honours the plugin contract with every mode enabled and concurrent requests', async () => {
    const library = Array.from({ length: 60 }, (_, i) => ({ artist: `Band ${i % 8}`, title: `Track ${i}` }));
    const sample = sampleListenBrainzData(library);
    const emu = await startListenBrainzEmulator({ tokens: { [TOKEN]: 'harmoniq-user' }, users: sample.users, recordings: sample.recordings });
    running.push(emu);
    const problems = await checkSourceContract(listenbrainzSource, {
      env: {
        LISTENBRAINZ_USER_TOKEN: TOKEN,
        LISTENBRAINZ_API_URL: emu.url,
        LISTENBRAINZ_MODES: 'recommendations,weekly-jams,weekly-exploration,daily-jams',
      },
      context: createTestContext({ common: { playlist: 'ListenBrainz Recommendations', size: 50 } }),
    });
    expect(problems).toEqual([]);
    expect(emu.requests.every((r) => r.status === 200)).toBe(true);
  });
});
