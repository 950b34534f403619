import type { PlaylistSource } from '@harmoniq/core';
import { listenbrainzSource } from './source.js';

export { listenbrainzSource };
export { parseListenBrainzOptions, LISTENBRAINZ_MODES, DEFAULT_TITLES, DEFAULT_API_URL } from './options.js';
export type { ListenBrainzOptions, ListenBrainzMode, GeneratedMode } from './options.js';

/** Every source this plugin provides, for the CLI's registry. */
export const sources: PlaylistSource[] = [listenbrainzSource];
