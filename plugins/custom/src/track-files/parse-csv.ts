import type { CandidateTrack } from '@harmoniq/core';
import { candidate, stripBom, TrackFileProblem, type TrackList } from './track-list.js';

interface CsvRecord {
  line: number;
  fields: string[];
}

/** Header names (lower case, "(s)" dropped) that mean each column; Exportify and most spreadsheets fit. */
const COLUMNS = {
  artist: ['artist', 'artists', 'artist name', 'track artist', 'performer'],
  title: ['title', 'track', 'track name', 'track title', 'song', 'song title'],
  album: ['album', 'album name', 'album title', 'release'],
} as const;

const HEADER_HINT = 'The first line must name the columns, e.g. "artist,title,album" (any order, any case).';

/**
 * A CSV (or semicolon/tab separated) track list with a header row naming an artist and a title column.
 * Quoted fields may hold separators, doubled quotes and line breaks. Rows without an artist or title are skipped
 * with a warning; a file without those columns, or with an unclosed quote, is an error.
 */
export function parseCsvTrackList(text: string): TrackList {
  const body = stripBom(text);
  const delimiter = sniffDelimiter(body);
  const records = parseRecords(body, delimiter).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = records.shift();
  if (!header) throw new TrackFileProblem('is empty', HEADER_HINT);
  const names = header.fields.map((f) => f.trim().toLowerCase().replace(/\(s\)$/, '').trim());
  const column = (aliases: readonly string[]) => names.findIndex((n) => aliases.includes(n));
  const artist = column(COLUMNS.artist);
  const title = column(COLUMNS.title);
  const album = column(COLUMNS.album);
  const lacking = [artist < 0 && 'artist', title < 0 && 'title'].filter(Boolean);
  if (lacking.length) {
    throw new TrackFileProblem(`has no ${lacking.join(' or ')} column in its first line (found: ${header.fields.map((f) => JSON.stringify(f.trim())).join(', ')})`, HEADER_HINT);
  }
  const tracks: CandidateTrack[] = [];
  const warnings: string[] = [];
  for (const r of records) {
    const track = candidate(r.fields[artist], r.fields[title], album >= 0 ? r.fields[album] : undefined);
    if (track) tracks.push(track);
    else warnings.push(`line ${r.line}: no artist or title, skipped`);
  }
  return { tracks, warnings };
}

/** The separator used most in the first line (outside quotes): comma, semicolon or tab. */
function sniffDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

function parseRecords(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted) throw new TrackFileProblem(`has a quote opened on line ${quoteLine} that is never closed`, 'Close the quoted field, or double quotes inside it ("").');
  if (field !== '' || fields.length) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}
