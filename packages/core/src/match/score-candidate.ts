import { sameTitleKey, type Prepared, type PreparedQuery, type PreparedTrack } from './prepare.js';
import { coreWordsOf } from './parse-title.js';
import { ARTIST_REFUSED, scoreArtist, type ArtistContext, type ArtistScore } from './score-artist.js';
import { namesVersions, scoreTitle, scoreVersion, type TitleScore, type VersionScore } from './score-title.js';
import { ratio } from './similarity.js';
import type { ComponentScore, MatchThresholds, MatchVia, ScoredComponents } from './types.js';

export interface ScoreContext extends ArtistContext {
  thresholds: MatchThresholds;
  /** Known (not "Various Artists") artist keys of library tracks whose title core is `core`. */
  titleOwners(core: string): ReadonlySet<string>;
  /** The matcher's scratch for titleCharBound (128 counts, zero between calls). */
  chars: Int32Array;
}

/** The context a matcher scores in: its thresholds and what its index knows of the library. */
export function scoreContext(
  thresholds: MatchThresholds,
  index: Pick<ScoreContext, 'isLibraryArtist' | 'titleOwners'>,
): ScoreContext {
  return {
    thresholds,
    artistThreshold: thresholds.artist,
    isLibraryArtist: index.isLibraryArtist,
    titleOwners: index.titleOwners,
    chars: new Int32Array(128),
  };
}

export interface Scored {
  candidate: PreparedTrack;
  /** The query form it was scored against. */
  query: PreparedQuery;
  score: number;
  pass: boolean;
  via: MatchVia;
  components: ScoredComponents;
  /** Set when a quick comparison stopped at its first failing component: the one reason it reports. */
  stoppedAt?: 'artist' | 'title';
  /**
   * The components' details are written. A quick match's comparisons leave them empty (most are never shown, and
   * writing them was a fifth of a comparison): withDetails scores a track again with them when it is shown.
   */
  detailed: boolean;
}

/** The same comparison with its details written (scoring is a pure function of the query form and the track). */
export function withDetails(s: Scored, ctx: ScoreContext): Scored {
  return s.detailed ? s : scoreCandidate(s.query, s.candidate, ctx, true, undefined, true);
}

/**
 * Human-readable reasons: why it passed, or every reason it failed. Built on demand (only near misses and
 * explain() show them), from components that are never changed after scoring; `s` must be detailed.
 */
export function reasonsOf(s: Scored): string[] {
  if (s.stoppedAt !== undefined) return [`${s.stoppedAt}: ${s.components[s.stoppedAt].detail}`];
  return (Object.entries(s.components) as [string, ComponentScore][])
    .filter(([, c]) => (s.pass ? c.score !== undefined : !c.pass))
    .map(([name, c]) => `${name}: ${c.detail}`);
}

// Title and artist decide; version is pass/fail; album and duration only break ties.
export const WEIGHTS = { title: 0.45, artist: 0.4, version: 0.05, album: 0.06, duration: 0.04 };
const SPECIFIC_TITLE_WORDS = 3;

const NOBODY: ReadonlySet<string> = new Set();
const NOT_COMPARED: ComponentScore = { score: undefined, pass: true, detail: 'not compared (artist differs)' };
const NOT_COMPARED_TITLE: ComponentScore = { score: undefined, pass: true, detail: 'not compared (title differs)' };

/**
 * Scores one library track against one query form. With `quick`, a track whose artist fails is not
 * compared further (it cannot pass): matching a large library stays fast; explain() compares everything.
 */
export function scoreCandidate(
  q: PreparedQuery,
  l: PreparedTrack,
  ctx: ScoreContext,
  quick = false,
  /** Artist scores of this query by library artist (tracks share parsed artists): computed once per artist. */
  artists?: Map<object, ArtistScore>,
  /** Write the components' details (see Scored.detailed); a quick comparison leaves them out unless asked. */
  detailed = !quick,
): Scored {
  const t = ctx.thresholds;
  let known = artists?.get(l.artist);
  if (!known || known === ARTIST_REFUSED) {
    known = scoreArtist(q.artist, l.artist, q.title.credits, ctx);
    artists?.set(l.artist, known);
  }
  let artist: ArtistScore = known;
  if (quick && !artist.pass && artist.how !== 'unknown') {
    const sameTitle = q.title.core === l.title.core;
    const score = WEIGHTS.artist * artist.score + (sameTitle ? WEIGHTS.title : 0);
    const title: ComponentScore = sameTitle ? { score: 1, pass: true, detail: 'same title' } : NOT_COMPARED;
    const components = { artist, title, version: NOT_COMPARED, album: NOT_COMPARED, duration: NOT_COMPARED };
    return { candidate: l, query: q, score: Math.round(score * 10000) / 10000, pass: false, via: 'fuzzy', components, stoppedAt: 'artist', detailed };
  }
  const title = scoreTitle(q.title, l.title, t.title, detailed);
  if (quick && !title.pass) {
    const score = WEIGHTS.artist * artist.score + WEIGHTS.title * title.score;
    const components = { artist, title, version: NOT_COMPARED_TITLE, album: NOT_COMPARED_TITLE, duration: NOT_COMPARED_TITLE };
    return { candidate: l, query: q, score: Math.round(score * 10000) / 10000, pass: false, via: 'fuzzy', components, stoppedAt: 'title', detailed };
  }
  // The name sets only when a version, duet or credit is named: most pairs need none, and a library track's set
  // is kept once made.
  const versioned = namesVersions(q.title, l.title);
  const version = scoreVersion(q.title, l.title, versioned ? peopleOf(q) : NOBODY, versioned ? peopleOf(l) : NOBODY, detailed);
  const album = scoreAlbum(q.album, l.album, detailed);
  let duration = scoreDuration(q.durationMs, l.durationMs, t, detailed);

  if (artist.how === 'unknown') {
    // A copy: this track's verdict is amended below, and the same artist's score serves other tracks.
    artist = { ...artist };
    // A compilation tagged only "Various Artists" (or a query without artist): the title alone must identify
    // the song, so it must be specific and no other artist in the library may have a song of that name.
    const owners = ctx.titleOwners(l.title.core);
    const others = [...owners].filter((o) => o !== q.artist.key && o !== q.artist.primary);
    const specific = title.score === 1 && coreWordsOf(q.title).length >= SPECIFIC_TITLE_WORDS;
    const alone = q.artist.unknown ? owners.size <= 1 : others.length === 0;
    if (specific && alone) {
      artist.pass = true;
      if (detailed) artist.detail += '; the title is specific and no other library artist has it';
    } else if (detailed) {
      artist.detail += specific ? '; another library artist has this title' : '; the title alone is too common to decide';
    }
  }
  if (version.needsConfirmation) {
    // A deluxe edition adds versions with features ("Song (feat. X)" as a bonus track): an album confirms the
    // feature only in the same edition.
    const byAlbum = (album.score ?? 0) >= 0.8 && (q.edition ?? '') === (l.edition ?? '');
    const confirmed = byAlbum || (duration.score !== undefined && duration.score >= 1);
    if (confirmed) {
      if (detailed) version.detail += `; ${version.needsConfirmation}, confirmed by ${byAlbum ? 'album' : 'duration'}`;
    } else {
      version.pass = false;
      version.detail = detailed ? `${version.needsConfirmation} and no album or duration confirms it is the same recording` : '';
    }
  }
  const namesAgree = artist.how === 'same' || artist.how === 'primary' || artist.how === 'credit';
  if (!duration.pass && namesAgree && strongTitleAndVersion(q, l, title, version)) {
    // Services report lengths of other releases (radio edit vs album version, a remaster's longer fade) or
    // plain wrong ones. When artist and title agree, a length only ranks copies: it may not refuse the one
    // track whose names agree. It still vetoes where the names alone are weak evidence.
    const detail = detailed ? `${duration.detail.replace(': another recording', '')}: the names agree, so a length of another release; a tie-breaker only` : '';
    duration = { score: 0, pass: true, detail };
  }
  const components: ScoredComponents = { artist, title, version, album, duration };
  const pass = artist.pass && title.pass && version.pass && duration.pass && album.pass;
  const score =
    WEIGHTS.title * title.score +
    WEIGHTS.artist * artist.score +
    WEIGHTS.version * version.score +
    WEIGHTS.album * (album.score ?? 0.5) +
    WEIGHTS.duration * (duration.score ?? 0.5);
  let via: MatchVia = 'fuzzy';
  if (q.form === 'given' && artist.how === 'same' && !version.needsConfirmation && sameTitleKey(q.title, l.title)) via = 'exact';
  else if (title.sameCore && (namesAgree || artist.how === 'unknown')) via = 'relaxed';
  return { candidate: l, query: q, score: Math.round(score * 10000) / 10000, pass, via, components, stoppedAt: undefined, detailed };
}

/** Everyone a track or query names (artist credit and title credits), computed once per prepared object. */
function peopleOf(p: Prepared): ReadonlySet<string> {
  return (p.people ??= new Set([...p.artist.all, ...p.title.credits]));
}

/**
 * Names that identify the recording without help: the same song name (a subtitle on one side at most), the
 * same version read from both titles, no feature that needs confirming. A fuzzy title, a version inferred
 * from an album's name or a version named less specifically on one side ("Remix" / "X Remix") is weak.
 */
function strongTitleAndVersion(q: PreparedQuery, l: PreparedTrack, title: TitleScore, version: VersionScore): boolean {
  if (!title.sameCore || !title.pass || title.score < 0.95) return false;
  if (!version.pass || version.needsConfirmation || version.score < 0.95) return false;
  return !q.title.versionFromAlbum && !l.title.versionFromAlbum;
}

function scoreAlbum(q: string | undefined, l: string | undefined, detailed: boolean): ComponentScore {
  if (q === undefined || l === undefined) return { score: undefined, pass: true, detail: 'no album to compare' };
  if (q === l) return { score: 1, pass: true, detail: 'same album' };
  const r = ratio(q, l);
  if (r >= 0.8 || l.startsWith(`${q} `) || q.startsWith(`${l} `)) {
    return { score: 0.8, pass: true, detail: detailed ? `similar album ("${q}" / "${l}")` : '' };
  }
  return { score: 0.7 * r, pass: true, detail: detailed ? `different album ("${q}" / "${l}"): a tie-breaker only` : '' };
}

function scoreDuration(q: number | undefined, l: number | undefined, t: MatchThresholds, detailed: boolean): ComponentScore {
  if (q === undefined || l === undefined) return { score: undefined, pass: true, detail: 'no duration to compare' };
  const delta = Math.abs(q - l);
  const secs = detailed ? `${(delta / 1000).toFixed(1)} s apart` : '';
  if (delta <= t.durationConfirmMs) return { score: 1, pass: true, detail: detailed ? `durations ${secs}` : '' };
  if (delta <= t.durationToleranceMs) {
    return { score: 1 - (0.5 * delta) / t.durationToleranceMs, pass: true, detail: detailed ? `durations ${secs}` : '' };
  }
  // Services report durations of other releases (radio edits, single mixes) and sometimes plain wrong ones:
  // only a gap that is large both in seconds and in proportion says "another recording" on its own.
  const far = delta > t.durationVetoMs && delta / Math.max(q, l) > t.durationVetoRatio;
  if (!far) return { score: 0.2, pass: true, detail: detailed ? `durations ${secs}: a tie-breaker only` : '' };
  return { score: 0, pass: false, detail: detailed ? `durations ${secs}: another recording` : '' };
}
