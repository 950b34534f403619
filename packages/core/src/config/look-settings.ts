/**
 * How every playlist looks and what it keeps out, set once for all sources: PLAYLIST_POSTER, PLAYLIST_POSTER_FILE,
 * PLAYLIST_SUMMARY_TEMPLATE, EXCLUDE_GENRES, EXCLUDE_ARTISTS, EXCLUDE_TRACKS_FILE (and their config-file keys).
 * Files are read here, when the configuration is read, so a missing cover image or a bad exclusion line stops
 * the run at start (ECONFIG, exit 2) rather than surfacing as a warning after the first playlist write.
 */
import { openSync, readFileSync, readSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigIssue, Env } from '../contract.js';
import { parseExcludedTracksFile } from '../exclude/excluded-tracks-file.js';
import { NO_EXCLUSIONS, parseNameList, type ExclusionRules } from '../exclude/exclusion-rules.js';
import { parseTemplate } from '../playlist-names/template.js';
import { allowedPlaceholders } from '../playlist-names/playlist-naming.js';
import { imageTypeOf } from '../playlist-look/poster-file.js';
import { ENV_NAMES, envValue } from './env-names.js';
import { POSTER_MODES, type ConfigFile } from './schema.js';
import type { SettingOrigin } from './setting-origin.js';
import { showValue } from './values.js';

export type PosterMode = (typeof POSTER_MODES)[number];

const LOOK_ENV = {
  poster: ENV_NAMES.poster,
  posterFile: ENV_NAMES.posterFile,
  summaryTemplate: ENV_NAMES.summaryTemplate,
  excludeGenres: ENV_NAMES.excludeGenres,
  excludeArtists: ENV_NAMES.excludeArtists,
  excludeTracksFile: ENV_NAMES.excludeTracksFile,
} as const;

/** The global look of playlists; a source's section may override each part (common-options.ts). */
export interface LookSettings {
  poster: PosterMode;
  /** Absolute path of the user's own cover image (checked to be a PNG or JPEG). */
  posterFile?: string;
  /** Checked with `{window}` allowed: it renders empty for sources without time windows. */
  summaryTemplate?: string;
  /** Genres, artists, and the tracks file's tracks and ratingKeys. */
  exclude: ExclusionRules;
  /** Absolute path of EXCLUDE_TRACKS_FILE, for `harmoniq config`. */
  excludeTracksFile?: string;
}

export const DEFAULT_LOOK: LookSettings = { poster: 'generate', exclude: NO_EXCLUSIONS };

interface LookInput {
  env: Env;
  file: ConfigFile;
  /** Where relative paths in the environment resolve from (the working directory). */
  cwd: string;
  /** Where relative paths in the config file resolve from (its folder). */
  baseDir: string;
  origins: Record<string, SettingOrigin>;
}

export function readLookSettings(input: LookInput): { value: LookSettings; errors: ConfigIssue[] } {
  const { env, file, origins } = input;
  const errors: ConfigIssue[] = [];
  const fromEnv = (name: string) => envValue(env, name);

  let poster: PosterMode = 'generate';
  const posterEnv = fromEnv(LOOK_ENV.poster);
  if (posterEnv !== undefined) {
    const mode = posterEnv.trim().toLowerCase();
    if ((POSTER_MODES as readonly string[]).includes(mode)) {
      poster = mode as PosterMode;
      origins.poster = 'env';
    } else errors.push({ path: LOOK_ENV.poster, message: `${LOOK_ENV.poster} must be one of ${POSTER_MODES.join(', ')}, got ${showValue(posterEnv)}` });
  } else if (file.poster !== undefined) {
    poster = file.poster;
    origins.poster = 'file';
  }

  const posterFileEnv = fromEnv(LOOK_ENV.posterFile);
  const posterFilePath = posterFileEnv !== undefined ? resolve(input.cwd, posterFileEnv.trim()) : file.posterFile !== undefined ? resolve(input.baseDir, file.posterFile) : undefined;
  const posterFileWhere = posterFileEnv !== undefined ? LOOK_ENV.posterFile : 'posterFile';
  if (posterFilePath !== undefined) {
    origins.posterFile = posterFileEnv !== undefined ? 'env' : 'file';
    const problem = posterFileProblem(posterFilePath);
    if (problem) errors.push({ path: posterFileWhere, message: `${posterFileWhere} ${problem}` });
    if (poster === 'none') {
      errors.push({ path: posterFileWhere, message: `${posterFileWhere} is set but ${origins.poster === 'env' ? LOOK_ENV.poster : 'poster'} is 'none'; remove one of them` });
    }
  }

  const summaryEnv = fromEnv(LOOK_ENV.summaryTemplate);
  const summaryTemplate = summaryEnv ?? file.summaryTemplate;
  if (summaryTemplate !== undefined) {
    const where = summaryEnv !== undefined ? LOOK_ENV.summaryTemplate : 'summaryTemplate';
    origins.summaryTemplate = summaryEnv !== undefined ? 'env' : 'file';
    const checked = parseTemplate(summaryTemplate, { where, allowed: allowedPlaceholders('summary', true) });
    errors.push(...checked.problems.map((message) => ({ path: where, message })));
  }

  const genresEnv = fromEnv(LOOK_ENV.excludeGenres);
  const artistsEnv = fromEnv(LOOK_ENV.excludeArtists);
  const genres = parseNameList(genresEnv ?? file.exclude?.genres);
  const artists = parseNameList(artistsEnv ?? file.exclude?.artists);
  if (genres.length) origins['exclude.genres'] = genresEnv !== undefined ? 'env' : 'file';
  if (artists.length) origins['exclude.artists'] = artistsEnv !== undefined ? 'env' : 'file';
  const exclude: ExclusionRules = { genres, artists, tracks: [], ratingKeys: [] };

  const tracksEnv = fromEnv(LOOK_ENV.excludeTracksFile);
  const tracksPath = tracksEnv !== undefined ? resolve(input.cwd, tracksEnv.trim()) : file.exclude?.tracksFile !== undefined ? resolve(input.baseDir, file.exclude.tracksFile) : undefined;
  if (tracksPath !== undefined) {
    const where = tracksEnv !== undefined ? LOOK_ENV.excludeTracksFile : 'exclude.tracksFile';
    origins['exclude.tracksFile'] = tracksEnv !== undefined ? 'env' : 'file';
    const read = readText(tracksPath);
    if ('problem' in read) errors.push({ path: where, message: `${where} ${read.problem}; give the path of a text file with one 'Artist – Title' or ratingKey per line` });
    else {
      const parsed = parseExcludedTracksFile(read.text, `${where} (${tracksPath})`);
      exclude.tracks = parsed.tracks;
      exclude.ratingKeys = parsed.ratingKeys;
      errors.push(...parsed.problems.map((message) => ({ path: where, message })));
    }
  }

  const value: LookSettings = {
    poster,
    ...(posterFilePath !== undefined ? { posterFile: posterFilePath } : {}),
    ...(summaryTemplate !== undefined ? { summaryTemplate } : {}),
    exclude,
    ...(tracksPath !== undefined ? { excludeTracksFile: tracksPath } : {}),
  };
  return { value, errors };
}

/** Why a poster file cannot be used (unreadable, not PNG/JPEG), or undefined. Reads only its first bytes. */
export function posterFileProblem(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, head.length, 0);
    if (!imageTypeOf(head.subarray(0, n))) return `is '${path}', which is not a PNG or JPEG image; give the path of a PNG or JPEG file`;
    return undefined;
  } catch (error) {
    return `is '${path}', which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of a readable PNG or JPEG file`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readText(path: string): { text: string } | { problem: string } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    return { problem: `is '${path}', which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}
