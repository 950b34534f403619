import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHttp, createMemoryLogger, createRedactor } from '@harmoniq/core/pipeline';
import { createHousehold, createPlexTv, type HouseholdSnapshot, type PlexTv } from '@harmoniq/plex';
import { startPlexTvEmulator, type PlexTvEmulator } from '@harmoniq/testkit';

const MID = 'c997cf82c4158cb986ccc0e8f829a6f5d5086a63';

describe('household: configured names resolved to server tokens', () => {
  let tv: PlexTvEmulator;
  let client: PlexTv;
  const tokens: string[] = [];

  beforeEach(async () => {
    tokens.length = 0;
    tv = await startPlexTvEmulator({
      machineIdentifier: MID,
      users: [
        { id: 1001, title: 'Alice', username: 'alice', serverToken: 'alice-1' },
        { id: 1002, title: 'Kid', home: true, serverToken: 'kid-1', musicShared: false },
        { id: 1003, title: 'Carol', username: 'carol' },
      ],
    });
    const logger = createMemoryLogger();
    client = createPlexTv({
      url: tv.url,
      token: tv.ownerToken,
      logger,
      clientIdentifier: 'install-1',
      http: createHttp({ userAgent: 't', redactor: createRedactor([tv.ownerToken]), logger, retries: 0, timeoutMs: 2000 }),
    });
  });
  afterEach(() => tv.close());

  it('gives each user their own server token, and each problem to its user alone', async () => {
    const household = createHousehold(client, MID, ['ALICE', 'kid', 'carol', 'dave'], (t) => tokens.push(t));
    const members = await household.members();
    expect(members.map((m) => (m.ok ? ['ok', m.token] : ['fail', m.error.code, m.error.message]))).toEqual([
      ['ok', 'alice-1'],
      ['fail', 'EPLEXUSER', "Household user 'kid': their share leaves out the music library."],
      ['fail', 'EPLEXUSER', "Household user 'carol': this server is not shared with them."],
      ['fail', 'EPLEXUSER', "Household user 'dave': no Plex user has that name or title (users of this server: Alice, Kid, Carol)."],
    ]);
    expect(tokens).toEqual(['alice-1']);
    await household.members();
    expect(tv.requests).toHaveLength(2);
  });

  it('refreshes a refused token from plex.tv once per run, then fails the user alone', async () => {
    const household = createHousehold(client, MID, ['alice'], (t) => tokens.push(t));
    await household.members();
    tv.setUsers([{ id: 1001, title: 'Alice', username: 'alice', serverToken: 'alice-2' }]);
    const fresh = await household.refresh('alice');
    expect(fresh).toMatchObject({ ok: true, token: 'alice-2' });
    const again = await household.refresh('alice');
    expect(again).toMatchObject({ ok: false, error: { code: 'EPLEXUSER' } });
    expect(tv.requests).toHaveLength(4);
    expect(tokens).toEqual(['alice-1', 'alice-2']);
  });

  it("serves a young kept answer without asking plex.tv, and asks again when it is old or lacks a name", async () => {
    let kept: HouseholdSnapshot | undefined;
    const cache = { load: async () => kept, save: async (s: HouseholdSnapshot) => void (kept = s) };
    let now = 1_000_000;
    const make = (names: string[]) => createHousehold(client, MID, names, () => undefined, { cache, now: () => now, maxAgeMs: 60_000 });
    await make(['alice']).members();
    expect(tv.requests).toHaveLength(2);
    expect(await make(['alice']).members()).toMatchObject([{ ok: true, token: 'alice-1' }]);
    expect(tv.requests).toHaveLength(2);
    await make(['alice', 'nobody']).members();
    expect(tv.requests).toHaveLength(4);
    now += 61_000;
    await make(['alice']).members();
    expect(tv.requests).toHaveLength(6);
    await make(['alice']).refresh('alice');
    expect(tv.requests).toHaveLength(8);
  });

  it('fails every household user, not the run, when plex.tv cannot answer', async () => {
    tv.inject({ path: '/api/users/', status: 401, times: 1 });
    const members = await createHousehold(client, MID, ['alice', 'kid'], () => undefined).members();
    expect(members.map((m) => (m.ok ? 'ok' : m.error.code))).toEqual(['EPLEXTV', 'EPLEXTV']);
  });
});
