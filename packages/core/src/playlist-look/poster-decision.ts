import { createHash } from 'node:crypto';

/** `PLAYLIST_POSTER` (per source in the file): draw one, leave Plex's composite, or the user's own image. */
export type PosterSetting = { mode: 'generate' } | { mode: 'none' } | { mode: 'file'; path: string };

/** What Harmoniq uploaded to a playlist, kept in the state file to tell its own poster from the user's. */
export interface UploadedPoster {
  /** The `thumb` Plex showed right after the upload. */
  thumb: string;
  /** Identifies the image (see coverId): a different id means the cover should change. */
  coverId: string;
}

export interface PosterFacts {
  setting: PosterSetting;
  /** The playlist was created in this run (a new playlist always gets its cover). */
  created: boolean;
  /** What Harmoniq uploaded before, if anything. */
  uploaded: UploadedPoster | undefined;
  /** The `thumb` the playlist shows now; undefined when it shows only the composite of its tracks. */
  shown: string | undefined;
  /** The cover this run would upload. */
  coverId: string;
}

export type PosterDecision = { upload: true } | { upload: false; reason: string };

/**
 * Whether to upload a cover. The rule that matters: a poster Harmoniq did not upload is the user's, and is
 * never replaced; nor is a poster the user removed put back. Harmoniq's own poster follows its cover (Daily
 * Flow's window, a new title, a new PLAYLIST_POSTER_FILE).
 */
export function decidePoster(f: PosterFacts): PosterDecision {
  if (f.setting.mode === 'none') return { upload: false, reason: 'posters are off (PLAYLIST_POSTER=none)' };
  if (f.created) return { upload: true };
  if (f.shown === undefined) {
    // Never had one of ours (managed before covers existed): give it one. Had one and it is gone: the user removed it.
    return f.uploaded ? { upload: false, reason: 'the poster was removed in Plex; Harmoniq leaves it so' } : { upload: true };
  }
  if (!f.uploaded || f.uploaded.thumb !== f.shown) return { upload: false, reason: 'the playlist shows a poster set in Plex; Harmoniq never replaces it' };
  return f.uploaded.coverId === f.coverId ? { upload: false, reason: 'the cover is current' } : { upload: true };
}

/**
 * Identifies a cover without drawing it: a generated one by what it shows (title, source, look variant) and the
 * renderer's version, the user's file by its bytes.
 */
export function coverId(spec: { title: string; source: string; variant?: string } | { fileBytes: Uint8Array }, rendererVersion = '1'): string {
  const h = createHash('sha256');
  if ('fileBytes' in spec) h.update('file\u0000').update(spec.fileBytes);
  else h.update(`generated\u0000${rendererVersion}\u0000${spec.source}\u0000${spec.title}\u0000${spec.variant ?? ''}`);
  return h.digest('hex').slice(0, 24);
}

/** `generate`, `none`, or a file path (PLAYLIST_POSTER_FILE wins over PLAYLIST_POSTER): every problem named. */
export function parsePosterSetting(mode: string | undefined, file: string | undefined, where: { mode: string; file: string }): { setting?: PosterSetting; problems: string[] } {
  if (file !== undefined && file.trim() !== '') {
    if (mode !== undefined && mode.trim().toLowerCase() === 'none') {
      return { problems: [`${where.file} is set but ${where.mode} is 'none'; remove one of them`] };
    }
    return { setting: { mode: 'file', path: file.trim() }, problems: [] };
  }
  const m = (mode ?? 'generate').trim().toLowerCase();
  if (m === 'generate' || m === '') return { setting: { mode: 'generate' }, problems: [] };
  if (m === 'none') return { setting: { mode: 'none' }, problems: [] };
  return { problems: [`${where.mode} is '${mode}'; use 'generate' or 'none' (or set ${where.file} to your own image)`] };
}
