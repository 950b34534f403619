import { describe, it, expect } from '@jest/globals';
import { listenbrainzSource, sources } from '@harmoniq/plugin-listenbrainz';

const parse = listenbrainzSource.parseOptions;

describe('listenbrainz source definition', () => {
  it('declares its name, defaults and the common env names', () => {
    expect(listenbrainzSource).toMatchObject({
      apiVersion: 1,
      name: 'listenbrainz',
      defaults: { playlist: 'ListenBrainz Recommendations', size: 50 },
      env: { enabled: 'ENABLE_LISTENBRAINZ_RECS', playlist: 'PLAYLIST_NAME_LISTENBRAINZ_RECS', size: 'PLAYLIST_SIZE_LISTENBRAINZ_RECS' },
    });
    expect(sources).toEqual([listenbrainzSource]);
  });
});

describe('listenbrainz parseOptions', () => {
  it('defaults to the recommendations mode against api.listenbrainz.org', () => {
    expect(parse(undefined, { LISTENBRAINZ_USER_TOKEN: 'tok-1234' })).toEqual({
      ok: true,
      value: {
        token: 'tok-1234',
        apiUrl: 'https://api.listenbrainz.org',
        modes: ['recommendations'],
        titles: {
          'weekly-jams': 'ListenBrainz Weekly Jams',
          'weekly-exploration': 'ListenBrainz Weekly Exploration',
          'daily-jams': 'ListenBrainz Daily Jams',
        },
      },
    });
  });

  it('reads modes from the LISTENBRAINZ_MODES comma list, dropping blanks and duplicates', () => {
    const result = parse({}, { LISTENBRAINZ_USER_TOKEN: 'tok-1234', LISTENBRAINZ_MODES: ' weekly-jams, daily-jams,,weekly-jams ' });
    expect(result).toMatchObject({ ok: true, value: { modes: ['weekly-jams', 'daily-jams'] } });
  });

  it('reads modes, titles, user and API URL from the config section', () => {
    const result = parse(
      { modes: ['recommendations', 'weekly-exploration'], titles: { 'weekly-exploration': 'Explore' }, user: 'rob', apiUrl: 'http://lb.local:8100/' },
      { LISTENBRAINZ_USER_TOKEN: 'tok-1234' },
    );
    expect(result).toMatchObject({
      ok: true,
      value: { modes: ['recommendations', 'weekly-exploration'], user: 'rob', apiUrl: 'http://lb.local:8100', titles: { 'weekly-exploration': 'Explore' } },
    });
  });

  it('accepts the API base written with its /1 version prefix', () => {
    const result = parse({}, { LISTENBRAINZ_USER_TOKEN: 'tok-1234', LISTENBRAINZ_API_URL: 'https://api.listenbrainz.org/1/' });
    expect(result).toMatchObject({ ok: true, value: { apiUrl: 'https://api.listenbrainz.org' } });
  });

  it('lets the environment win over the config file', () => {
    const result = parse(
      { modes: ['weekly-jams'], user: 'from-config', token: 'config-token' },
      { LISTENBRAINZ_USER_TOKEN: 'env-token', LISTENBRAINZ_USER: 'from-env', LISTENBRAINZ_MODES: 'daily-jams' },
    );
    expect(result).toMatchObject({ ok: true, value: { token: 'env-token', user: 'from-env', modes: ['daily-jams'] } });
  });

  it('accepts the token from the config section when the environment has none', () => {
    expect(parse({ token: 'config-token' }, {})).toMatchObject({ ok: true, value: { token: 'config-token' } });
  });

  it('reports a missing token with where to find it', () => {
    const result = parse({}, {});
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ path: 'LISTENBRAINZ_USER_TOKEN', message: expect.stringContaining('listenbrainz.org/settings') })] });
  });

  it('reports an unknown mode and names the known ones', () => {
    const result = parse({}, { LISTENBRAINZ_USER_TOKEN: 'tok-1234', LISTENBRAINZ_MODES: 'recommendations,monthly-jams' });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'LISTENBRAINZ_MODES', message: expect.stringMatching(/unknown entry: must be one of recommendations, weekly-jams.*got 'monthly-jams'/) }],
    });
  });

  it('reports every problem at once, each with its path', () => {
    const result = parse(
      { modes: ['weekly-jams', 7], titles: { recommendations: 'X', 'yearly-jams': 'Y', 'daily-jams': '' }, apiUrl: 'ftp://x', colour: 'blue' },
      {},
    );
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((e) => e.path);
    expect(paths.sort()).toEqual(
      [
        'LISTENBRAINZ_USER_TOKEN',
        'sources.listenbrainz.apiUrl',
        'sources.listenbrainz.colour',
        'sources.listenbrainz.modes',
        'sources.listenbrainz.titles.daily-jams',
        'sources.listenbrainz.titles.recommendations',
        'sources.listenbrainz.titles.yearly-jams',
      ].sort(),
    );
  });

  it('rejects an empty mode list and a modes value of the wrong type', () => {
    expect(parse({ modes: [] }, { LISTENBRAINZ_USER_TOKEN: 'tok-1234' })).toMatchObject({ ok: false, errors: [{ path: 'sources.listenbrainz.modes' }] });
    expect(parse({ modes: 3 }, { LISTENBRAINZ_USER_TOKEN: 'tok-1234' })).toMatchObject({ ok: false, errors: [{ path: 'sources.listenbrainz.modes' }] });
  });

  it('rejects an API URL that does not parse', () => {
    expect(parse({}, { LISTENBRAINZ_USER_TOKEN: 'tok-1234', LISTENBRAINZ_API_URL: 'not a url' })).toMatchObject({
      ok: false,
      errors: [{ path: 'LISTENBRAINZ_API_URL' }],
    });
  });

  it('never puts the token into an error message', () => {
    const result = parse({ modes: 'nope' }, { LISTENBRAINZ_USER_TOKEN: 'tok with space' });
    expect(JSON.stringify(result)).not.toContain('tok with space');
  });
});
