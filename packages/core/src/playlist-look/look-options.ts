import type { ExclusionRules } from '../exclude/exclusion-rules.js';
import type { PosterSetting } from './poster-decision.js';

/** How one source's playlists look and what they keep out, resolved from the global settings and its section. */
export interface SourceLook {
  /** The description template; absent: the source's own text and the counts (today's description). */
  summaryTemplate?: string;
  poster: PosterSetting;
  /** Global exclusions plus the source's own. */
  exclude: ExclusionRules;
}
