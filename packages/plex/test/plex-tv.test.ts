import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHttp, createMemoryLogger, createRedactor } from '@harmoniq/core/pipeline';
import { createPlexTv, findUser, type PlexTv } from '@harmoniq/plex';
import { startPlexTvEmulator, type PlexTvEmulator } from '@harmoniq/testkit';

const MID = 'c997cf82c4158cb986ccc0e8f829a6f5d5086a63';

describe('plex.tv client: household users and their server tokens', () => {
  let tv: PlexTvEmulator;
  let client: PlexTv;
  const logger = createMemoryLogger('plex.tv');
  const make = (token: string): PlexTv =>
    createPlexTv({
      url: tv.url,
      token,
      logger,
      clientIdentifier: 'install-1234',
      http: createHttp({ userAgent: 'harmoniq-test', redactor: createRedactor([token]), logger, retries: 1, retryBaseMs: 5, timeoutMs: 2000 }),
    });

  beforeEach(async () => {
    tv = await startPlexTvEmulator({
      machineIdentifier: MID,
      users: [
        { id: 1001, title: 'Alice Liddell', username: 'alice', email: 'alice@example.org', serverToken: 'alice-server-token' },
        { id: 1002, title: 'Kid', home: true, restricted: true, protected: true, serverToken: 'kid-server-token', musicShared: false },
        { id: 1003, title: 'Carol', username: 'carol' },
      ],
    });
    client = make(tv.ownerToken);
  });
  afterEach(() => tv.close());

  it('reads users from XML, managed Home users with an empty username', async () => {
    const users = await client.users();
    expect(users.map((u) => [u.id, u.title, u.username, u.home, u.protected])).toEqual([
      ['1001', 'Alice Liddell', 'alice', false, false],
      ['1002', 'Kid', '', true, true],
      ['1003', 'Carol', 'carol', false, false],
    ]);
    const sent = tv.requests[0];
    expect(sent?.headers['x-plex-token']).toBe(tv.ownerToken);
    expect(sent?.headers['x-plex-client-identifier']).toBe('install-1234');
    expect(sent?.query).toEqual({});
  });

  it("reads each share's server token and whether the music section is shared", async () => {
    const shares = await client.sharedServers(MID);
    expect(shares.map((s) => [s.userId, s.accessToken, s.sections.some((x) => x.type === 'artist' && x.shared)])).toEqual([
      ['1001', 'alice-server-token', true],
      ['1002', 'kid-server-token', false],
    ]);
  });

  it('finds a user by title first, then username, email or id, case-insensitively', async () => {
    const users = await client.users();
    expect(findUser(users, 'alice liddell')?.id).toBe('1001');
    expect(findUser(users, 'ALICE')?.id).toBe('1001');
    expect(findUser(users, 'alice@example.org')?.id).toBe('1001');
    expect(findUser(users, 'kid')?.id).toBe('1002');
    expect(findUser(users, '1003')?.title).toBe('Carol');
    expect(findUser(users, 'nobody')).toBeUndefined();
    expect(findUser(users, '')).toBeUndefined();
  });

  it('fails with EPLEXTV, never echoing the token, on 401, 5xx and a body that is not XML', async () => {
    await expect(make('wrong-owner-token').users()).rejects.toMatchObject({ code: 'EPLEXTV', retryable: false });
    tv.inject({ path: '/api/users/', status: 503, times: 5 });
    await expect(client.users()).rejects.toMatchObject({ code: 'EPLEXTV', retryable: true });
    tv.clearFaults();
    tv.inject({ path: '/api/users/', status: 200, body: '{"MediaContainer":{}}', times: 5 });
    const error = await client.users().catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'EPLEXTV' });
    expect(JSON.stringify(logger.lines) + String(error)).not.toContain('wrong-owner-token');
  });
});
