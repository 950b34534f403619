/** One time-of-day window of the Daily Flow playlist, as parsed and validated. */
export interface TimeWindow {
  /** `06:00`: wall-clock time in the configured zone. */
  start: string;
  /** `11:00`; `24:00` means midnight at the end of the day. An end before the start crosses midnight. */
  end: string;
  /** Minutes after local midnight (0–1439). */
  startMinute: number;
  /** Minutes after local midnight (1–1440). */
  endMinute: number;
  /** Genres as the user wrote them. */
  genres: string[];
  /** Tracks with any of these genres (track, album or artist) are left out. */
  exclude: string[];
  /** Minimum Plex user rating, 0–10 (5 stars = 10); unrated tracks are left out when set. */
  minRating?: number;
  /** Leave out tracks played in the last N days. */
  notPlayedDays?: number;
  /** This window's playlist size, instead of PLAYLIST_SIZE_TIME. */
  size?: number;
}

/** `06:00-11:00`: how logs, notes and the state file name a window. */
export function windowLabel(window: Pick<TimeWindow, 'start' | 'end'>): string {
  return `${window.start}-${window.end}`;
}

/** Used when neither TIME_WINDOWS nor `sources.daily-flow.windows` is given: a whole day, no gaps. */
export const DEFAULT_WINDOWS_TEXT =
  '06:00-11:00=Acoustic,Folk,Jazz,Chillout;11:00-17:00=Pop,Rock,Indie;' +
  '17:00-22:00=Electronic,Dance,Hip-Hop,Funk;22:00-06:00=Ambient,Classical,Downtempo';

/** `HH:MM` → minutes, or undefined. `24:00` only where `allow24` (window ends). */
export function parseClockTime(text: string, allow24: boolean): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (allow24 && hours === 24 && minutes === 0) return 1440;
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

/** The window's minutes of the day as at most two half-open ranges within [0, 1440). */
export function dayRanges(window: Pick<TimeWindow, 'startMinute' | 'endMinute'>): [number, number][] {
  const { startMinute: s, endMinute: e } = window;
  if (e > s) return [[s, e]];
  return e === 0 ? [[s, 1440]] : [[s, 1440], [0, e]];
}

export function windowsOverlap(a: TimeWindow, b: TimeWindow): boolean {
  return dayRanges(a).some(([as, ae]) => dayRanges(b).some(([bs, be]) => as < be && bs < ae));
}
