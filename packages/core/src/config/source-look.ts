/**
 * One source's look: its title template checked, its poster setting, description template and exclusions, from
 * its `sources.<name>` section over the global settings (LookSettings). A section value wins over a global one, as
 * `minTracks` does; a source's exclusions add to the global ones and cannot lift them.
 */
import { resolve } from 'node:path';
import type { ConfigIssue, PlaylistSource } from '../contract.js';
import { mergeExclusions, parseNameList } from '../exclude/exclusion-rules.js';
import type { SourceLook } from '../playlist-look/look-options.js';
import type { PosterSetting } from '../playlist-look/poster-decision.js';
import { parseNaming } from '../playlist-names/playlist-naming.js';
import { DEFAULT_LOOK, posterFileProblem } from './look-settings.js';
import { POSTER_MODES } from './schema.js';
import type { HarmoniqConfig } from './types.js';
import { showValue } from './values.js';

const isText = (v: unknown): v is string => typeof v === 'string';
const asNames = (v: unknown): string | string[] | undefined => (isText(v) ? v : Array.isArray(v) ? v.filter(isText) : undefined);

export function resolveSourceLook(
  source: PlaylistSource,
  config: HarmoniqConfig,
  section: Record<string, unknown>,
  title: { title: string; titlePath: string },
): { value?: SourceLook; errors: ConfigIssue[] } {
  const global = config.look ?? DEFAULT_LOOK;
  const at = (key: string) => `sources.${source.name}.${key}`;
  const errors: ConfigIssue[] = [];
  const hasWindows = source.timeWindows === true;

  const ownSummary = section.summaryTemplate;
  if (ownSummary !== undefined && !isText(ownSummary)) errors.push({ path: at('summaryTemplate'), message: `${at('summaryTemplate')} must be text, got ${showValue(ownSummary)}` });
  const naming = parseNaming(title.title, isText(ownSummary) ? ownSummary : undefined, { hasWindows, where: { title: title.titlePath, summary: at('summaryTemplate') } });
  errors.push(...naming.problems.map((message) => ({ path: message.startsWith(at('summaryTemplate')) ? at('summaryTemplate') : title.titlePath, message })));
  const summaryTemplate = isText(ownSummary) ? ownSummary : global.summaryTemplate;

  const poster = sourcePoster(section, global, config.baseDir, at, errors);

  const own = section.exclude;
  let exclude = global.exclude;
  if (own !== undefined) {
    if (typeof own !== 'object' || own === null || Array.isArray(own)) {
      errors.push({ path: at('exclude'), message: `${at('exclude')} must be a section with genres and artists, got ${showValue(own)}` });
    } else {
      const o = own as Record<string, unknown>;
      exclude = mergeExclusions(global.exclude, { genres: parseNameList(asNames(o.genres)), artists: parseNameList(asNames(o.artists)), tracks: [], ratingKeys: [] });
    }
  }
  if (errors.length > 0 || !poster) return { errors };
  return { value: { ...(summaryTemplate !== undefined ? { summaryTemplate } : {}), poster, exclude }, errors };
}

function sourcePoster(
  section: Record<string, unknown>,
  global: HarmoniqConfig['look'],
  baseDir: string,
  at: (key: string) => string,
  errors: ConfigIssue[],
): PosterSetting | undefined {
  const mode = section.poster;
  if (mode !== undefined && !(isText(mode) && (POSTER_MODES as readonly string[]).includes(mode))) {
    errors.push({ path: at('poster'), message: `${at('poster')} must be one of ${POSTER_MODES.join(', ')}, got ${showValue(mode)}` });
    return undefined;
  }
  const file = section.posterFile;
  if (file !== undefined) {
    if (!isText(file) || file.trim() === '') {
      errors.push({ path: at('posterFile'), message: `${at('posterFile')} must be the path of a PNG or JPEG file, got ${showValue(file)}` });
      return undefined;
    }
    if (mode === 'none') {
      errors.push({ path: at('posterFile'), message: `${at('posterFile')} is set but ${at('poster')} is 'none'; remove one of them` });
      return undefined;
    }
    const path = resolve(baseDir, file.trim());
    const problem = posterFileProblem(path);
    if (problem) {
      errors.push({ path: at('posterFile'), message: `${at('posterFile')} ${problem}` });
      return undefined;
    }
    return { mode: 'file', path };
  }
  if (mode === 'none' || mode === 'generate') return { mode };
  if (global.posterFile !== undefined) return { mode: 'file', path: global.posterFile };
  return { mode: global.poster };
}
