import { HarmoniqError, defineSource, type PlaylistDraft, type PlaylistSource, type SourceContext } from '@harmoniq/core';
import { createListenBrainzClient, type ListenBrainzClient } from './client.js';
import { findNewestPlaylists, generatedDraft, labelOf } from './generated-playlists.js';
import { listenbrainzOptions, refineListenBrainz, type GeneratedMode, type ListenBrainzMode, type ListenBrainzOptions } from './options.js';
import { recommendationsDraft } from './recommendations.js';
import { LISTENBRAINZ_ERRORS } from './error-codes.js';

/** Errors that concern every mode at once: they fail the whole source instead of one playlist. */
const SOURCE_WIDE = new Set(['ELBTOKEN', 'ELBUSER', 'EABORTED']);

export const listenbrainzSource: PlaylistSource<ListenBrainzOptions> = defineSource({
  apiVersion: 1,
  name: 'listenbrainz',
  description: 'ListenBrainz recommendations and generated playlists (Weekly Jams, Weekly Exploration, Daily Jams)',
  displayName: 'ListenBrainz',
  defaults: { playlist: 'ListenBrainz Recommendations', size: 50 },
  env: { enabled: 'ENABLE_LISTENBRAINZ_RECS', playlist: 'PLAYLIST_NAME_LISTENBRAINZ_RECS', size: 'PLAYLIST_SIZE_LISTENBRAINZ_RECS' },

  options: listenbrainzOptions,
  errorCodes: LISTENBRAINZ_ERRORS,
  refineOptions: refineListenBrainz,

  async verify(options, ctx) {
    const client = clientFor(options, ctx);
    const status = await client.validateToken();
    if (!status.valid) throw invalidToken();
    if (options.user && status.userName && options.user !== status.userName) {
      ctx.logger.info(`The token belongs to ${status.userName}; playlists are read for ${options.user}`);
    }
  },

  async fetch(options, ctx) {
    const client = clientFor(options, ctx);
    const user = await userName(client, options, ctx);
    const generated = options.modes.filter((m): m is GeneratedMode => m !== 'recommendations');
    // One createdfor listing serves every generated mode; started only when a mode needs it.
    let listing: ReturnType<typeof findNewestPlaylists> | undefined;
    const newest = () => (listing ??= findNewestPlaylists(client, user, generated, ctx));

    const build = async (mode: ListenBrainzMode): Promise<PlaylistDraft> => {
      if (mode === 'recommendations') return recommendationsDraft(client, user, ctx);
      return generatedDraft(client, user, mode, options.titles[mode], (await newest()).get(mode), ctx);
    };
    const outcomes = await Promise.allSettled(options.modes.map(build));

    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    const fatal = failures.find((e) => !(e instanceof HarmoniqError) || SOURCE_WIDE.has(e.code));
    if (fatal !== undefined) throw fatal;
    if (failures.length === outcomes.length) throw failures[0];

    // Some modes worked: a failed one keeps its existing playlist instead of failing the others.
    return outcomes.map((outcome, i) => {
      const mode = options.modes[i] as ListenBrainzMode;
      if (outcome.status === 'fulfilled') return outcome.value;
      const error = outcome.reason as HarmoniqError;
      const label = mode === 'recommendations' ? 'recommendations' : labelOf(mode);
      ctx.logger.error(`${label}: ${error.message}; keeping the existing playlist`, { code: error.code });
      const title = mode === 'recommendations' ? ctx.common.playlist : options.titles[mode];
      return { key: mode, title, tracks: [], keepExisting: { reason: `${error.code}: ${error.message}` } };
    });
  },
});

function clientFor(options: ListenBrainzOptions, ctx: SourceContext): ListenBrainzClient {
  return createListenBrainzClient({
    apiUrl: options.apiUrl,
    token: options.token,
    http: ctx.http,
    logger: ctx.logger,
    signal: ctx.signal,
    ...(ctx.answers ? { answers: ctx.answers } : {}),
  });
}

/** LISTENBRAINZ_USER when set, else the token's owner. */
async function userName(client: ListenBrainzClient, options: ListenBrainzOptions, ctx: SourceContext): Promise<string> {
  if (options.user) return options.user;
  const status = await ctx.limit(() => client.validateToken());
  if (!status.valid) throw invalidToken();
  if (!status.userName) {
    throw LISTENBRAINZ_ERRORS.error({
      code: 'ELB',
      message: 'ListenBrainz accepted the token but did not say whose it is',
      hint: 'Set LISTENBRAINZ_USER to your ListenBrainz user name.',
    });
  }
  ctx.logger.debug(`ListenBrainz user from the token: ${status.userName}`);
  return status.userName;
}

function invalidToken(): HarmoniqError {
  return LISTENBRAINZ_ERRORS.error({
    code: 'ELBTOKEN',
    message: 'ListenBrainz says the user token is not valid',
    hint: 'Copy your user token from https://listenbrainz.org/settings/ into LISTENBRAINZ_USER_TOKEN.',
  });
}
